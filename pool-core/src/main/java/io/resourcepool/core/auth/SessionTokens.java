package io.resourcepool.core.auth;

import io.resourcepool.api.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;

/**
 * Makes and checks session tokens.
 *
 * <p>A token is {@code <random>.<mac>}: 32 random bytes and their HMAC-SHA256 under the hub's
 * {@link SessionKey}, both in unpadded URL-safe base64 (87 characters in all). The signature lets the hub turn
 * away a forged or garbled token without touching the store; the store keeps only {@link #hashOf(Secret)} of
 * a token, so a copy of the database gives no one a session.
 */
public final class SessionTokens {
    private static final int RANDOM_BYTES = 32;
    private static final int PART_CHARS = 43;
    private static final int TOKEN_CHARS = PART_CHARS * 2 + 1;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SessionKey key;
    private final SecureRandom random;
    /** Keyed once; each call signs with a copy of it, since a Mac is not thread-safe. */
    private final Mac keyed;

    /**
     * Creates the token maker.
     *
     * @param key the hub's signing key
     * @param random the source of the tokens' randomness
     */
    public SessionTokens(SessionKey key, SecureRandom random) {
        this.key = key;
        this.random = random;
        this.keyed = newMac();
    }

    /**
     * Creates the token maker with a new {@link SecureRandom}.
     *
     * @param key the hub's signing key
     */
    public SessionTokens(SessionKey key) {
        this(key, new SecureRandom());
    }

    /**
     * Makes a new token.
     *
     * @return the token, to be given to the client once and stored only as {@link #hashOf(Secret)}
     */
    public Secret issue() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String body = ENCODER.encodeToString(bytes);
        return Secret.of(body + "." + ENCODER.encodeToString(mac(body)));
    }

    /**
     * Checks a token's form and signature, in time that does not depend on where a forged MAC differs.
     *
     * @param token the token presented
     * @return true when the hub signed it
     */
    public boolean verifySignature(Secret token) {
        String text = token.reveal();
        if (text.length() != TOKEN_CHARS || text.charAt(PART_CHARS) != '.') {
            return false;
        }
        String body = text.substring(0, PART_CHARS);
        try {
            byte[] nonce = Base64.getUrlDecoder().decode(body);
            byte[] offered = Base64.getUrlDecoder().decode(text.substring(PART_CHARS + 1));
            return nonce.length == RANDOM_BYTES && MessageDigest.isEqual(mac(body), offered);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The form in which the store keeps a token.
     *
     * @param token the token
     * @return lower-case hex SHA-256 of its text
     */
    public static String hashOf(Secret token) {
        return Sha256.hex(token);
    }

    private byte[] mac(String body) {
        return copyOfKeyed().doFinal(body.getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh copy of the keyed Mac: cloning skips the provider look-up and the key schedule of a new one. */
    private Mac copyOfKeyed() {
        try {
            return (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            return newMac();
        }
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key.macKey());
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
