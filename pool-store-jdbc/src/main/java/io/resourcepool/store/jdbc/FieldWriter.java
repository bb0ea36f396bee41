package io.resourcepool.store.jdbc;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the store's text encoding for values that have no columns of their own (a command line, an
 * environment, labels, GPUs). Every field is {@code <length>:<characters>}, the length counting UTF-16 code
 * units in decimal, so any text at all (colons, new lines, emoji) survives; a list is its size as a field
 * followed by its elements, a map its size followed by keys and values in key order. The first field names
 * the format and its version, so a later format can be told apart.
 */
final class FieldWriter {
    private final StringBuilder out = new StringBuilder(128);

    FieldWriter(String format) {
        text(format);
    }

    FieldWriter text(String value) {
        out.append(value.length()).append(':').append(value);
        return this;
    }

    FieldWriter number(long value) {
        return text(Long.toString(value));
    }

    FieldWriter list(List<String> values) {
        number(values.size());
        values.forEach(this::text);
        return this;
    }

    FieldWriter map(Map<String, String> values) {
        number(values.size());
        new TreeMap<>(values).forEach((k, v) -> text(k).text(v));
        return this;
    }

    String encoded() {
        return out.toString();
    }
}
