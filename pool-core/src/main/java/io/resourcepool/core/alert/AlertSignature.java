package io.resourcepool.core.alert;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a delivery as Stripe and GitHub do, so a receiver can tell the hub's alerts from forgeries and replays:
 * HMAC-SHA256, keyed with the shared secret, over the Unix time in seconds, a dot, and the body's exact bytes; sent
 * as {@value #HEADER}{@code : t=TIME,v1=HEX}. A receiver recomputes it, compares in constant time, and refuses a
 * time too far from its own (five minutes is usual).
 */
public final class AlertSignature {
    /** The header that carries the signature. */
    public static final String HEADER = "X-ResourcePool-Signature";

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    /**
     * Keys the signer.
     *
     * @param secret the shared secret; at least 16 characters
     * @throws ConfigurationException when the secret is too short to be worth anything
     */
    public AlertSignature(Secret secret) {
        String value = secret.reveal();
        if (value.length() < 16) {
            throw new ConfigurationException("the alert signing secret is " + value.length()
                    + " characters; give at least 16 (for example: openssl rand -hex 32)");
        }
        this.key = new SecretKeySpec(value.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /**
     * The header's value for a body sent at a time.
     *
     * @param at when it is sent
     * @param body the exact bytes of the body
     * @return {@code t=SECONDS,v1=HEX}
     */
    public String sign(Instant at, byte[] body) {
        long seconds = at.getEpochSecond();
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((seconds + ".").getBytes(StandardCharsets.US_ASCII));
            return "t=" + seconds + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + ALGORITHM + ", which every JDK must have", e);
        }
    }
}
