package io.resourcepool.api.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A user's second factor as the store keeps it: a TOTP seed sealed by the hub (the store never sees it in
 * clear), the last time step a code was accepted for (so no code works twice), and the hashes of the recovery
 * codes not yet used.
 *
 * @param sealedSeed the TOTP seed, encrypted by the hub; opaque to the store
 * @param recoveryCodeHashes hex hashes of the unused recovery codes, in no particular order
 * @param lastAcceptedStep the TOTP time step of the last accepted code, 0 when none was accepted yet
 * @param enabledAt when the second factor was set up
 */
public record MfaEnrolment(String sealedSeed, List<String> recoveryCodeHashes, long lastAcceptedStep, Instant enabledAt) {

    /** Checks the fields and copies the list. */
    public MfaEnrolment {
        Objects.requireNonNull(sealedSeed, "sealedSeed must be given");
        Objects.requireNonNull(recoveryCodeHashes, "recoveryCodeHashes must be given (empty when none are left)");
        Objects.requireNonNull(enabledAt, "enabledAt must be given");
        if (sealedSeed.isEmpty()) {
            throw new IllegalArgumentException("sealedSeed must not be empty");
        }
        if (lastAcceptedStep < 0) {
            throw new IllegalArgumentException("lastAcceptedStep must not be negative, was " + lastAcceptedStep);
        }
        recoveryCodeHashes = List.copyOf(recoveryCodeHashes);
    }

    /**
     * A new enrolment whose codes have never been used.
     *
     * @param sealedSeed the sealed seed
     * @param recoveryCodeHashes the hashes of the recovery codes
     * @param enabledAt now
     * @return the enrolment
     */
    public static MfaEnrolment fresh(String sealedSeed, List<String> recoveryCodeHashes, Instant enabledAt) {
        return new MfaEnrolment(sealedSeed, recoveryCodeHashes, 0, enabledAt);
    }

    /** The sealed seed and the hashes are left out, so that they cannot reach a log. */
    @Override
    public String toString() {
        return "MfaEnrolment[recoveryCodesLeft=" + recoveryCodeHashes.size() + ", lastAcceptedStep=" + lastAcceptedStep
                + ", enabledAt=" + enabledAt + "]";
    }
}
