package io.resourcepool.core.auth;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.AuthenticationException.Reason;
import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.CredentialStore;
import io.resourcepool.api.spi.store.MfaEnrolment;
import io.resourcepool.api.spi.store.UserAccount;
import java.time.InstantSource;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the one-time code of a login whose password was right: a {@value Totp#DIGITS}-digit TOTP code, each
 * time step accepted once, or a recovery code, each accepted once. A user without a second factor passes,
 * except an admin on a hub that requires one of admins.
 */
final class SecondFactor {
    private static final Logger LOG = LoggerFactory.getLogger(SecondFactor.class);

    private final CredentialStore credentials;
    private final SeedVault vault;
    private final boolean requiredForAdmins;
    private final InstantSource clock;

    SecondFactor(CredentialStore credentials, SeedVault vault, boolean requiredForAdmins, InstantSource clock) {
        this.credentials = credentials;
        this.vault = vault;
        this.requiredForAdmins = requiredForAdmins;
        this.clock = clock;
    }

    /**
     * The verdict.
     *
     * @param passed whether the login may go on
     * @param reason why not, as a code for the caller's client
     * @param answer what to tell the caller when it may not
     * @param detail for the audit log: how it passed or why not; never a code
     */
    record Verdict(boolean passed, Reason reason, String answer, String detail) {
        static Verdict pass(String detail) {
            return new Verdict(true, Reason.REFUSED, "", detail);
        }

        static Verdict refuse(Reason reason, String answer, String detail) {
            return new Verdict(false, reason, answer, detail);
        }

        AuthenticationException refusal() {
            return new AuthenticationException(reason, answer);
        }
    }

    Verdict check(UserAccount user, Secret code) {
        Optional<MfaEnrolment> enrolment = credentials.findMfa(user.username());
        if (enrolment.isEmpty()) {
            if (requiredForAdmins && user.role() == Role.ADMIN) {
                return Verdict.refuse(Reason.ADMIN_NEEDS_MFA, Authenticator.ADMIN_NEEDS_MFA, "admin without a second factor on a hub that requires one");
            }
            return Verdict.pass("");
        }
        String typed = RecoveryCodes.normalize(code.reveal());
        if (typed.isEmpty()) {
            return Verdict.refuse(Reason.CODE_REQUIRED, Authenticator.CODE_REQUIRED, "no one-time code given");
        }
        if (typed.length() == Totp.DIGITS && typed.chars().allMatch(Character::isDigit)) {
            return checkTotp(user.username(), enrolment.get(), typed);
        }
        if (credentials.useRecoveryCode(user.username(), RecoveryCodes.hash(code))) {
            int left = enrolment.get().recoveryCodeHashes().size() - 1;
            return Verdict.pass("second factor: recovery code, " + Math.max(left, 0) + " left");
        }
        return Verdict.refuse(Reason.CODE_WRONG, Authenticator.CODE_WRONG, "wrong or spent recovery code");
    }

    private Verdict checkTotp(String username, MfaEnrolment enrolment, String typed) {
        byte[] seed;
        try {
            seed = vault.open(username, enrolment.sealedSeed());
        } catch (ConfigurationException e) {
            LOG.warn(e.getMessage());
            return Verdict.refuse(Reason.CODE_WRONG, Authenticator.CODE_WRONG, "the stored seed does not open with this hub's key");
        }
        OptionalLong step = Totp.matchingStep(seed, typed, clock.instant());
        if (step.isEmpty()) {
            return Verdict.refuse(Reason.CODE_WRONG, Authenticator.CODE_WRONG, "wrong one-time code");
        }
        if (!credentials.acceptTotpStep(username, step.getAsLong())) {
            return Verdict.refuse(Reason.CODE_WRONG, Authenticator.CODE_WRONG, "one-time code replayed (its time step was already used)");
        }
        return Verdict.pass("second factor: one-time code");
    }
}
