package io.resourcepool.core.auth;

import io.resourcepool.api.Secret;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One-time recovery codes, for a user who has lost their authenticator: {@value #COUNT} per enrolment, each
 * 80 random bits written as 16 base32 letters in groups of four ({@code abcd-efgh-ijkl-mnop}). The store keeps
 * only their SHA-256: with 80 bits of entropy no dictionary or brute force reaches them, so a slow hash such as
 * bcrypt would add cost at every login and no safety.
 */
final class RecoveryCodes {
    /** Codes made per enrolment. */
    static final int COUNT = 10;

    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {}

    /** Fresh codes, shown once to the user. */
    static List<Secret> generate() {
        List<Secret> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            byte[] bits = new byte[10];
            RANDOM.nextBytes(bits);
            String letters = Base32.encode(bits).toLowerCase(Locale.ROOT);
            codes.add(Secret.of(String.join("-", letters.substring(0, 4), letters.substring(4, 8), letters.substring(8, 12),
                    letters.substring(12, 16))));
        }
        return List.copyOf(codes);
    }

    /**
     * The hash the store keeps, of the code with case, dashes and spaces dropped, so that a code typed in
     * capitals or without its dashes still counts.
     */
    static String hash(Secret code) {
        return Sha256.hex(Secret.of(normalize(code.reveal())));
    }

    /** The code as typed without case, dashes or spaces. */
    static String normalize(String typed) {
        return typed.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
