package io.resourcepool.api.spi.store;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.HubId;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A message one hub left for another in the database, for example a job to start on a worker whose connection
 * the other hub holds. The store does not read the payload.
 *
 * @param sequence its place in the queue: messages to one hub are taken in this order
 * @param to the hub it is for
 * @param kind what it is, so the receiver knows how to read the payload: 1 to 64 lower-case letters, digits,
 *     dots, hyphens or underscores
 * @param payload what it carries, at most {@value #MAX_PAYLOAD_BYTES} bytes
 * @param sentAt when it was sent (database time)
 */
public record HandoverMessage(long sequence, HubId to, String kind, Bytes payload, Instant sentAt) {
    /** The largest payload a message may carry. */
    public static final int MAX_PAYLOAD_BYTES = 1 << 20;
    private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** Checks the fields. */
    public HandoverMessage {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be positive, was " + sequence);
        }
        Objects.requireNonNull(to, "to must be given");
        requireKind(kind);
        requirePayload(payload);
        Objects.requireNonNull(sentAt, "sentAt must be given");
    }

    /**
     * Checks a kind as this record does.
     *
     * @param kind the kind
     * @return it
     * @throws IllegalArgumentException when it is not a valid kind
     */
    public static String requireKind(String kind) {
        Objects.requireNonNull(kind, "kind must be given");
        if (!KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("kind '" + kind.substring(0, Math.min(kind.length(), 70))
                    + "' is not valid: use 1 to 64 lower-case letters, digits, dots, hyphens or underscores");
        }
        return kind;
    }

    /**
     * Checks a payload as this record does.
     *
     * @param payload the payload
     * @return it
     * @throws IllegalArgumentException when it is larger than {@value #MAX_PAYLOAD_BYTES} bytes
     */
    public static Bytes requirePayload(Bytes payload) {
        Objects.requireNonNull(payload, "payload must be given");
        if (payload.size() > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("payload is " + payload.size() + " bytes; at most " + MAX_PAYLOAD_BYTES + " are allowed");
        }
        return payload;
    }
}
