package io.resourcepool.core.auth;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM as the hub's vaults use it: a fresh 96-bit nonce for every seal, a 128-bit tag, associated data
 * that binds the sealed bytes to where they belong, and base64 of nonce, ciphertext and tag as the stored text.
 */
final class AesGcm {
    /** What sealing adds to the plaintext, in bytes: the nonce and the tag. */
    static final int OVERHEAD_BYTES = 12 + 16;

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcm() {}

    /** Seals the plaintext under the key, bound to the associated data. */
    static String seal(byte[] key, byte[] associated, byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, key, associated, nonce).doFinal(plain);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JDK", e);
        }
    }

    /** How many characters {@link #seal} gives for a plaintext of this many bytes. */
    static int sealedChars(int plainBytes) {
        return 4 * ((plainBytes + OVERHEAD_BYTES + 2) / 3);
    }

    /**
     * Opens what {@link #seal} gave.
     *
     * @return the plaintext, or empty when the text is not a sealed value or does not open with this key and
     *     associated data (another key, another owner, or altered)
     */
    static Optional<byte[]> open(byte[] key, byte[] associated, String sealed) {
        byte[] whole;
        try {
            whole = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (whole.length <= NONCE_BYTES) {
            return Optional.empty();
        }
        byte[] nonce = Arrays.copyOf(whole, NONCE_BYTES);
        try {
            return Optional.of(cipher(Cipher.DECRYPT_MODE, key, associated, nonce).doFinal(whole, NONCE_BYTES, whole.length - NONCE_BYTES));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JDK", e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] associated, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associated);
        return cipher;
    }
}
