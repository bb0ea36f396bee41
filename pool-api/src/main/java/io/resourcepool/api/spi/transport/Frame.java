package io.resourcepool.api.spi.transport;

import io.resourcepool.api.Bytes;
import java.util.Objects;

/**
 * One unit on the wire: a payload type and the payload bytes.
 *
 * @param type the payload type, an unsigned 16-bit number
 * @param payload the payload
 */
public record Frame(int type, Bytes payload) {
    /** The first four bytes of every frame on a byte stream. */
    public static final int MAGIC = 0xDEADBEEF;
    /** Bytes in the header: magic (4), payload type (2), payload length (4). */
    public static final int HEADER_BYTES = 10;
    /** The largest payload type. */
    public static final int MAX_TYPE = 0xFFFF;

    /** Checks the type range. */
    public Frame {
        if (type < 0 || type > MAX_TYPE) {
            throw new IllegalArgumentException("frame type must be between 0 and " + MAX_TYPE + ", was " + type);
        }
        Objects.requireNonNull(payload, "payload must be given");
    }
}
