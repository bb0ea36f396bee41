package io.resourcepool.core.protocol;

import io.resourcepool.api.ProtocolException;
import java.util.List;
import java.util.Map;

/** The size rules every message field obeys; a breach names the field and the limit. */
final class WireLimits {
    static final int NAME_CHARS = 64;
    static final int SHORT_TEXT_CHARS = 256;
    static final int TEXT_CHARS = 4096;
    static final int SECRET_CHARS = 1024;
    static final int BLOB_CHARS = 64 * 1024;
    static final int MAX_ITEMS = 10_000;

    private WireLimits() {}

    static String text(String value, String field, int maxChars) {
        if (value == null) {
            throw new ProtocolException(field + " is missing");
        }
        if (value.length() > maxChars) {
            throw new ProtocolException(field + " is " + value.length() + " characters; at most " + maxChars + " are allowed");
        }
        return value;
    }

    static long requestId(long id) {
        if (id <= 0) {
            throw new ProtocolException("requestId must be positive, was " + id);
        }
        return id;
    }

    static <T> List<T> list(List<T> items, String field) {
        if (items == null) {
            throw new ProtocolException(field + " is missing");
        }
        if (items.size() > MAX_ITEMS) {
            throw new ProtocolException(field + " has " + items.size() + " items; at most " + MAX_ITEMS + " are allowed");
        }
        return List.copyOf(items);
    }

    static Map<String, String> map(Map<String, String> entries, String field, int maxChars) {
        if (entries == null) {
            throw new ProtocolException(field + " is missing");
        }
        if (entries.size() > 256) {
            throw new ProtocolException(field + " has " + entries.size() + " entries; at most 256 are allowed");
        }
        entries.forEach((k, v) -> {
            text(k, field + " name", SHORT_TEXT_CHARS);
            text(v, field + " value", maxChars);
        });
        return Map.copyOf(entries);
    }
}
