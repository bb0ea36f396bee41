package io.resourcepool.core.auth;

import io.resourcepool.api.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in lower-case hex: the form in which the store keeps session and join tokens. */
final class Sha256 {
    private Sha256() {}

    /**
     * Hashes a token's text.
     *
     * @param token the token
     * @return 64 lower-case hex digits
     */
    static String hex(Secret token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.reveal().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
