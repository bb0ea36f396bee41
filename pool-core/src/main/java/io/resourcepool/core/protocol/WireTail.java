package io.resourcepool.core.protocol;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.ProtocolException;
import io.resourcepool.api.spi.store.JobRecord;
import java.util.Base64;

/** The last bytes of a job's output inside a JSON message: base64, so that they arrive byte for byte, and no more than a stored tail. */
final class WireTail {
    private static final int MAX_CHARS = (JobRecord.MAX_OUTPUT_TAIL_BYTES + 2) / 3 * 4;

    private WireTail() {}

    static String encode(Bytes tail) {
        return Base64.getEncoder().encodeToString(tail.toByteArray());
    }

    /** Refuses a field that is not base64 or holds more than a stored tail. */
    static void check(String base64, String field) {
        WireLimits.text(base64, field, MAX_CHARS);
        try {
            Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(field + " is not base64: " + e.getMessage(), e);
        }
    }

    static Bytes decode(String base64) {
        return Bytes.adopt(Base64.getDecoder().decode(base64));
    }
}
