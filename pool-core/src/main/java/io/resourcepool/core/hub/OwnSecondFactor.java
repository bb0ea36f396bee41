package io.resourcepool.core.hub;

import io.resourcepool.api.PermissionDeniedException;
import io.resourcepool.api.Secret;
import io.resourcepool.core.auth.MfaSetup;
import io.resourcepool.core.auth.Session;
import io.resourcepool.core.protocol.ControlMessage;
import io.resourcepool.core.protocol.Message;
import io.resourcepool.core.protocol.MfaMessage;

/**
 * A user setting up, replacing or removing their own second factor, any role, each time proven by the current
 * password ({@link StepUp}). Audited by the second factors as {@code user.mfa-enabled} and {@code user.mfa-disabled}
 * with the user as actor; a wrong password as {@code mfa-setup.failed} or {@code mfa-removal.failed}.
 */
final class OwnSecondFactor {
    private final HubServices hub;
    private final StepUp stepUp;
    private final Session session;
    private final String source;

    OwnSecondFactor(HubServices hub, StepUp stepUp, Session session, String source) {
        this.hub = hub;
        this.stepUp = stepUp;
        this.session = session;
        this.source = source;
    }

    /** MFA_SETUP_OWN: a new seed and recovery codes, replacing any the user had. */
    Message setUp(MfaMessage.MfaSetupOwn m) {
        Session live = stepUp.run(() -> hub.auth().authenticator().stepUp(session, Secret.of(m.currentPassword()), "mfa-setup.failed", source));
        return enabled(m.requestId(), hub.auth().mfa().enable(live.actor(source), live.username()));
    }

    /** MFA_REMOVE_OWN: refused to an admin on a hub that requires admins to have one, who could not log in again. */
    Message remove(MfaMessage.MfaRemoveOwn m) {
        if (hub.auth().authenticator().requiresSecondFactor(session.role())) {
            throw new PermissionDeniedException("this hub requires admins to log in with a one-time code (auth.mfa-required-for-admins),"
                    + " so you cannot remove your second factor; set up a new one instead to replace it");
        }
        Session live = stepUp.run(() -> hub.auth().authenticator().stepUp(session, Secret.of(m.currentPassword()), "mfa-removal.failed", source));
        hub.auth().mfa().disable(live.actor(source), live.username());
        return new ControlMessage.Ok(m.requestId());
    }

    /** The MFA_ENABLED answer: the URI and recovery codes, sent once. */
    static MfaMessage.MfaEnabled enabled(long requestId, MfaSetup setup) {
        return new MfaMessage.MfaEnabled(requestId, setup.username(), setup.otpauthUri().reveal(),
                setup.recoveryCodes().stream().map(Secret::reveal).toList());
    }
}
