package io.resourcepool.testkit.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One POST the receiver got.
 *
 * @param path the request's path
 * @param signature the signature header's value, empty when absent
 * @param body the body as text
 * @param receivedAt when it arrived
 * @param status what the receiver answered
 */
public record ReceivedDelivery(String path, String signature, String body, Instant receivedAt, int status) {
    /** Checks the fields. */
    public ReceivedDelivery {
        Objects.requireNonNull(path, "path must be given");
        Objects.requireNonNull(signature, "signature must be given");
        Objects.requireNonNull(body, "body must be given");
        Objects.requireNonNull(receivedAt, "receivedAt must be given");
    }

    /**
     * Checks the signature as a receiver should: {@code t=SECONDS,v1=HEX}, HMAC-SHA256 of {@code SECONDS.BODY}
     * under the shared secret, compared in constant time, the time within the tolerance of the arrival.
     *
     * @param secret the shared secret
     * @param tolerance how far the signed time may be from the arrival
     * @return true when the signature is good and fresh
     */
    public boolean signedWith(String secret, Duration tolerance) {
        String time = part("t");
        String given = part("v1");
        if (time.isEmpty() || given.isEmpty()) {
            return false;
        }
        long seconds = Long.parseLong(time);
        if (Math.abs(receivedAt.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((time + "." + body).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(HexFormat.of().formatHex(expected).getBytes(StandardCharsets.US_ASCII),
                    given.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String part(String name) {
        for (String piece : signature.split(",")) {
            if (piece.startsWith(name + "=")) {
                return piece.substring(name.length() + 1);
            }
        }
        return "";
    }
}
