package io.resourcepool.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the hub's key files (its CA and server keys, session, MFA, job-environment and audit keys) under a key
 * that does not live in the data directory: AES-256-GCM, under a key derived (HMAC-SHA256) from a secret the
 * operator keeps elsewhere (an environment variable, a file on another mount), with the file's name bound in so a
 * sealed file moved to another name does not open. A sealed file is one line of text:
 * {@value #MAGIC} then base64 of nonce, ciphertext and tag. A copy of the data directory alone then gives no key
 * away. It does not protect a running hub: the keys are in its memory, and whoever can read its environment or the
 * sealing file can open them.
 */
public final class KeySeal {
    /** How a sealed file begins. */
    public static final String MAGIC = "resourcepool-sealed-v1 ";

    private static final KeySeal NONE = new KeySeal(Optional.empty());
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Optional<byte[]> key;

    private KeySeal(Optional<byte[]> key) {
        this.key = key;
    }

    /**
     * No sealing: key files are written as they are, and a sealed one cannot be opened.
     *
     * @return the seal that seals nothing
     */
    public static KeySeal none() {
        return NONE;
    }

    /**
     * A seal under a secret kept outside the data directory; give it at least 32 random bytes' worth (for example
     * {@code openssl rand -base64 32}): it is not stretched like a password.
     *
     * @param secret the sealing secret
     * @return the seal
     */
    public static KeySeal under(Secret secret) {
        Objects.requireNonNull(secret, "secret must be given");
        if (secret.reveal().length() < 32) {
            throw new ConfigurationException("the key-sealing secret has " + secret.reveal().length()
                    + " characters; give at least 32 (openssl rand -base64 32 makes one)");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("resourcepool key seal v1".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return new KeySeal(Optional.of(mac.doFinal(secret.reveal().getBytes(StandardCharsets.UTF_8))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    /**
     * Whether this seal seals.
     *
     * @return false for {@link #none()}
     */
    public boolean seals() {
        return key.isPresent();
    }

    /**
     * Whether stored bytes are a sealed file.
     *
     * @param stored the file's bytes
     * @return true when they begin with {@value #MAGIC}
     */
    public static boolean isSealed(byte[] stored) {
        byte[] magic = MAGIC.getBytes(StandardCharsets.US_ASCII);
        return stored.length >= magic.length && Arrays.equals(stored, 0, magic.length, magic, 0, magic.length);
    }

    /**
     * Seals a key file's content; with {@link #none()}, returns it as it is.
     *
     * @param fileName the file's name, bound in
     * @param plain the content
     * @return what to write
     */
    public byte[] seal(String fileName, byte[] plain) {
        if (key.isEmpty()) {
            return plain.clone();
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, fileName, nonce).doFinal(plain);
            String text = MAGIC + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
            return (text + "\n").getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to seal", e);
        }
    }

    /**
     * Opens a key file's content: a sealed one with this seal, any other as it is.
     *
     * @param fileName the file's name, bound in
     * @param stored the file's bytes
     * @return the content
     * @throws ConfigurationException when the file is sealed and this seal does not open it
     */
    public byte[] open(String fileName, byte[] stored) {
        if (!isSealed(stored)) {
            return stored.clone();
        }
        if (key.isEmpty()) {
            throw new ConfigurationException("the key file " + fileName + " is sealed; give the hub its sealing secret"
                    + " (hub.key-seal-env or hub.key-seal-file, see docs/SECURITY.md)");
        }
        try {
            String text = new String(stored, StandardCharsets.US_ASCII).substring(MAGIC.length()).strip();
            byte[] all = Base64.getDecoder().decode(text);
            byte[] nonce = Arrays.copyOf(all, NONCE_BYTES);
            return cipher(Cipher.DECRYPT_MODE, fileName, nonce).doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new ConfigurationException("the key file " + fileName + " does not open with the sealing secret given"
                    + " (another secret, or the file was altered)", e);
        }
    }

    private Cipher cipher(int mode, String fileName, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key.orElseThrow(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(fileName.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return key.isPresent() ? "KeySeal[sealing]" : "KeySeal[none]";
    }
}
