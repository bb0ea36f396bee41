package io.resourcepool.core.hub;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.Secret;
import io.resourcepool.core.auth.Session;
import io.resourcepool.core.client.SessionGrant;
import io.resourcepool.core.protocol.AuthMessage;
import java.util.function.Supplier;

/**
 * The hub's typed front door, for a gateway in its process that serves people over another protocol (the HTTP API):
 * logins and refreshes, and each caller's {@link HubOperations}, called directly, with no connection and no message
 * in between. Every call meets the checks a network client's request meets (per-address limits, session, role,
 * audit), under the address given, which should be the real peer's so that limits and audit rows name it.
 */
public final class FrontDoor {
    private final HubServices hub;

    FrontDoor(HubServices hub) {
        this.hub = hub;
    }

    /**
     * One caller's operations. Cheap: make one for each request.
     *
     * @param token the caller's session token, checked on every call
     * @param sourceAddress the peer's address, {@code host:port}
     * @return the caller's operations
     */
    public HubOperations operations(Secret token, String sourceAddress) {
        return new HubOperations(hub, token, sourceAddress);
    }

    /**
     * Logs in with a password and, for a user with a second factor, a one-time code, as LOGIN does.
     *
     * @param username the login name
     * @param password the password
     * @param code the one-time code; empty when none
     * @param sourceAddress the peer's address, {@code host:port}
     * @return the new session, with its refresh token
     * @throws AuthenticationException when refused, with the reason a network client is given
     * @throws io.resourcepool.api.BusyException when the address has failed too often
     */
    public SessionGrant login(String username, Secret password, Secret code, String sourceAddress) {
        return opened(() -> hub.limits().login(sourceAddress, () -> hub.auth().authenticator().login(username, password, code, sourceAddress)));
    }

    /**
     * Trades a refresh token for a new session and the next refresh token, as REFRESH does.
     *
     * @param refreshToken the latest refresh token of a login
     * @param sourceAddress the peer's address, {@code host:port}
     * @return the new session, with the next refresh token
     * @throws AuthenticationException when refused
     * @throws io.resourcepool.api.BusyException when the address has failed too often
     */
    public SessionGrant refresh(Secret refreshToken, String sourceAddress) {
        return opened(() -> hub.limits().login(sourceAddress, () -> hub.auth().authenticator().refresh(refreshToken, sourceAddress)));
    }

    /** The session as a network client reads the AUTH_OK, or the refusal as it reads the AUTH_FAILED or ERROR. */
    private SessionGrant opened(Supplier<Session> attempt) {
        try {
            return SessionGrant.of(ClientRequests.authOk(1, attempt.get()));
        } catch (AuthenticationException e) {
            throw AuthMessage.AuthFailed.of(1, e).toException();
        } catch (RuntimeException e) {
            throw HubOperations.asTheHubAnswers("LOGIN", "", e);
        }
    }
}
