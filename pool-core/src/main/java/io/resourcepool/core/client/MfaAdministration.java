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
    private final HubLink link;
    private final Duration timeout;

    MfaAdministration(HubLink link, Duration timeout) {
        this.link = link;
        this.timeout = timeout;
    }

    /**
     * Gives a user a new second factor, replacing any they had. An admin may do this for anyone; another user
     * only for themselves, and only while they have none.
     *
     * @param username whose
     * @return the {@code otpauth://} URI and the recovery codes, which the hub will never show again
     * @throws PermissionDeniedException when the caller may not
     * @throws NotFoundException when there is no such user
     */
    public MfaSetup enable(String username) {
        MfaMessage.MfaEnabled made = link.call(id -> new MfaMessage.MfaEnable(id, username), MfaMessage.MfaEnabled.class, timeout);
        return new MfaSetup(made.username(), Secret.of(made.otpauthUri()), made.recoveryCodes().stream().map(Secret::of).toList());
    }

    /**
     * Removes a user's second factor (admin only): they log in with their password alone from then on.
     *
     * @param username whose
     * @throws NotFoundException when they have none
     */
    public void disable(String username) {
        link.call(id -> new MfaMessage.MfaDisable(id, username), ControlMessage.Ok.class, timeout);
    }
}
