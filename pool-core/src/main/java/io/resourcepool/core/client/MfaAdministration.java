package io.resourcepool.core.client;

import io.resourcepool.api.NotFoundException;
import io.resourcepool.api.PermissionDeniedException;
import io.resourcepool.api.Secret;
import io.resourcepool.core.auth.MfaSetup;
import io.resourcepool.core.protocol.ControlMessage;
import io.resourcepool.core.protocol.MfaMessage;
import java.time.Duration;

/** Second factors, over a {@link PoolClient}'s connection and session: see {@link PoolClient#mfa()}. */
public final class MfaAdministration {
    private final RequestLine link;
    private final Duration timeout;

    /**
     * The second factors' administration over a line to the hub: a {@link PoolClient}'s connection, or the hub's typed door.
     *
     * @param link where the requests are answered
     * @param timeout how long to wait for each answer
     */
    public MfaAdministration(RequestLine link, Duration timeout) {
        this.link = link;
        this.timeout = timeout;
    }

    /**
     * Gives another user a new second factor, replacing any they had (admin only). One's own goes through
     * {@link #setUpOwn(Secret)}.
     *
     * @param username whose
     * @return the {@code otpauth://} URI and the recovery codes, which the hub will never show again
     * @throws PermissionDeniedException when the caller is not an admin, or names themselves
     * @throws NotFoundException when there is no such user
     */
    public MfaSetup enable(String username) {
        MfaMessage.MfaEnabled made = link.call(id -> new MfaMessage.MfaEnable(id, username), MfaMessage.MfaEnabled.class, timeout);
        return new MfaSetup(made.username(), Secret.of(made.otpauthUri()), made.recoveryCodes().stream().map(Secret::of).toList());
    }

    /**
     * Removes another user's second factor (admin only): they log in with their password alone from then on.
     * One's own goes through {@link #removeOwn(Secret)}.
     *
     * @param username whose
     * @throws NotFoundException when they have none
     */
    public void disable(String username) {
        link.call(id -> new MfaMessage.MfaDisable(id, username), ControlMessage.Ok.class, timeout);
    }

    /**
     * Sets up (or replaces) the caller's own second factor, any role, after the hub has checked their current
     * password; a wrong one counts towards the lock and the source's failed logins.
     *
     * @param currentPassword the caller's password
     * @return the {@code otpauth://} URI and the recovery codes, which the hub will never show again
     * @throws PermissionDeniedException when the password is wrong or the account locked
     * @throws io.resourcepool.api.BusyException when the source has failed too often
     */
    public MfaSetup setUpOwn(Secret currentPassword) {
        MfaMessage.MfaEnabled made = link.call(id -> new MfaMessage.MfaSetupOwn(id, currentPassword.reveal()), MfaMessage.MfaEnabled.class,
                timeout);
        return new MfaSetup(made.username(), Secret.of(made.otpauthUri()), made.recoveryCodes().stream().map(Secret::of).toList());
    }

    /**
     * Removes the caller's own second factor after the hub has checked their current password.
     *
     * @param currentPassword the caller's password
     * @throws PermissionDeniedException when the password is wrong, the account locked, or the hub requires admins to
     *     keep one
     * @throws NotFoundException when the caller has none
     */
    public void removeOwn(Secret currentPassword) {
        link.call(id -> new MfaMessage.MfaRemoveOwn(id, currentPassword.reveal()), ControlMessage.Ok.class, timeout);
    }
}
