package io.resourcepool.http.api;

import io.resourcepool.api.Secret;
import io.resourcepool.core.auth.MfaSetup;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v1/auth/mfa} and {@code POST /v1/auth/mfa/remove}: the caller's own second factor, any role, each
 * proven by the current password (step-up). A wrong password is {@code 403} and counts towards the account's lock and
 * the address's failed logins, as a wrong login does.
 */
final class MfaEndpoints {
    private static final Set<String> FIELDS = Set.of("currentPassword");

    private final HubDoor hub;

    MfaEndpoints(HubDoor hub) {
        this.hub = hub;
    }

    Answer setUp(ApiCall call) {
        Secret current = Secret.of(call.json(FIELDS).text("currentPassword"));
        MfaSetup setup = hub.operations(call).mfa().setUpOwn(current);
        return Answer.ok(NewSecondFactor.of(setup));
    }

    Answer remove(ApiCall call) {
        Secret current = Secret.of(call.json(FIELDS).text("currentPassword"));
        hub.operations(call).mfa().removeOwn(current);
        return Answer.empty();
    }

    /**
     * A new second factor, shown once: the {@code otpauth://} URI, its key for typing in, the QR code of the URI, and
     * the recovery codes.
     *
     * @param username whose
     * @param otpauthUri the URI an authenticator app takes
     * @param secret the key in base32
     * @param qr the URI's QR code, as modules
     * @param recoveryCodes one-time codes for a login without the app
     */
    record NewSecondFactor(String username, String otpauthUri, String secret, QrModules qr, List<String> recoveryCodes) {
        static NewSecondFactor of(MfaSetup setup) {
            String uri = setup.otpauthUri().reveal();
            return new NewSecondFactor(setup.username(), uri, setup.base32Seed().reveal(), QrModules.of(uri),
                    setup.recoveryCodes().stream().map(Secret::reveal).toList());
        }

        @Override
        public String toString() {
            return "NewSecondFactor[username=" + username + "]"; // never the seed or the codes
        }
    }
}
