package io.resourcepool.core.auth;

import io.resourcepool.api.NotFoundException;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.CredentialStore;
import io.resourcepool.api.spi.store.MfaEnrolment;
import io.resourcepool.api.spi.store.Store;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;

/**
 * Sets up and removes users' second factors: a fresh 160-bit TOTP seed, sealed by the {@link SeedVault} before
 * it is stored, and {@value RecoveryCodes#COUNT} recovery codes stored as hashes. The caller decides who may
 * (an admin for anyone, a user for themselves); this class does it and audits it ({@code user.mfa-enabled},
 * {@code user.mfa-disabled}) without any seed or code.
 */
public final class MfaEnrolments {
    /** The seed's length: 160 bits, as RFC 4226 recommends for HMAC-SHA1. */
    static final int SEED_BYTES = 20;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CredentialStore credentials;
    private final SeedVault vault;
    private final AuditRecorder audit;
    private final InstantSource clock;

    /**
     * Creates the service.
     *
     * @param store where users and the audit log live
     * @param vault seals the seeds
     * @param clock the time
     */
    public MfaEnrolments(Store store, SeedVault vault, InstantSource clock) {
        this.credentials = store.credentials();
        this.vault = vault;
        this.audit = new AuditRecorder(store.audit(), clock);
        this.clock = clock;
    }

    /**
     * Gives a user a new second factor, replacing any they had: the old app codes and recovery codes stop
     * working.
     *
     * @param actor who asks
     * @param username whose
     * @return the URI and recovery codes, to show once
     * @throws NotFoundException when there is no such user
     */
    public MfaSetup enable(Actor actor, String username) {
        byte[] seed = new byte[SEED_BYTES];
        RANDOM.nextBytes(seed);
        List<Secret> codes = RecoveryCodes.generate();
        MfaEnrolment enrolment = MfaEnrolment.fresh(vault.seal(username, seed), codes.stream().map(RecoveryCodes::hash).toList(),
                clock.instant());
        if (!credentials.enableMfa(username, enrolment)) {
            throw new NotFoundException("there is no user named '" + UsernamePolicy.shown(username) + "'; check the name");
        }
        audit.record(actor, "user.mfa-enabled", username, codes.size() + " recovery code(s) issued");
        return new MfaSetup(username, MfaSetup.otpauthUri(username, seed), codes);
    }

    /**
     * Removes a user's second factor: they log in with their password alone from now on.
     *
     * @param actor who asks
     * @param username whose
     * @throws NotFoundException when the user has no second factor (or does not exist)
     */
    public void disable(Actor actor, String username) {
        if (!credentials.disableMfa(username)) {
            throw new NotFoundException("user '" + UsernamePolicy.shown(username) + "' has no second factor (or does not exist)");
        }
        audit.record(actor, "user.mfa-disabled", username, "");
    }

    /**
     * Says whether a user has a second factor.
     *
     * @param username whose
     * @return true when they do
     */
    public boolean isEnabled(String username) {
        return credentials.findMfa(username).isPresent();
    }
}
