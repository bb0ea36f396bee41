package io.resourcepool.core.hub;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.BusyException;
import io.resourcepool.api.PermissionDeniedException;
import java.util.function.Supplier;

/**
 * Runs a change to a user's own sign-in that first checks their current password (a password change, setting up or
 * removing their own second factor) under the source's limit on failed logins: a wrong current password counts there
 * as a failed login does (and towards the account's lock, which the authenticator counts). A refusal answers the one
 * request: the session on the connection goes on.
 */
final class StepUp {
    private final HubServices hub;
    private final String source;

    StepUp(HubServices hub, String source) {
        this.hub = hub;
        this.source = source;
    }

    /**
     * Runs the change.
     *
     * @throws PermissionDeniedException when the current password is wrong or the account locked
     * @throws BusyException when the source has failed too often; nothing is checked then
     */
    <T> T run(Supplier<T> change) {
        try {
            return hub.limits().login(source, change);
        } catch (AuthenticationException e) {
            throw new PermissionDeniedException(e.getMessage(), e);
        }
    }
}
