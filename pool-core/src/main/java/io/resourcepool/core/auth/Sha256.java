package io.resourcepool.core.auth;

import io.resourcepool.api.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in lower-case hex: the form in which the store keeps session and join tokens. */
final class Sha256 {
    /** Copied for each hash, which skips the provider look-up of a new one; a digest is not thread-safe. */
    private static final MessageDigest PROTOTYPE = newDigest();

    private Sha256() {}

    private static MessageDigest sha256() throws NoSuchAlgorithmException {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return MessageDigest.getInstance("SHA-256");
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * Hashes a token's text.
     *
     * @param token the token
     * @return 64 lower-case hex digits
     */
    static String hex(Secret token) {
        try {
            byte[] digest = sha256().digest(token.reveal().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
