package io.resourcepool.store.jdbc;

import io.resourcepool.api.StoreException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what {@link FieldWriter} wrote, strictly: a wrong format name, a bad length, a missing field or
 * anything left over is a {@link StoreException} that names the value, never a guess.
 */
final class FieldReader {
    private static final int MAX_LENGTH_DIGITS = 10;

    private final String encoded;
    private final String what;
    private final String format;
    private int position;

    /**
     * Starts reading, checking the format name.
     *
     * @param encoded the encoded value
     * @param format the format expected, for example {@code job-spec/1}
     * @param what the value, for messages: for example {@code the spec of job 1234}
     */
    FieldReader(String encoded, String format, String what) {
        this(encoded, java.util.Set.of(format), what);
    }

    /**
     * Starts reading a value that may be in any of several formats, checking the format name; {@link #format()}
     * then says which one it is.
     *
     * @param encoded the encoded value
     * @param formats the formats accepted
     * @param what the value, for messages
     */
    FieldReader(String encoded, java.util.Set<String> formats, String what) {
        this.encoded = encoded;
        this.what = what;
        this.format = text();
        if (!formats.contains(format)) {
            throw damaged("its format is '" + format + "', not one of " + new java.util.TreeSet<>(formats)
                    + "; it was written by another version of ResourcePool");
        }
    }

    /** The value's format name, as read. */
    String format() {
        return format;
    }

    String text() {
        int colon = encoded.indexOf(':', position);
        if (colon < 0 || colon == position || colon - position > MAX_LENGTH_DIGITS) {
            throw damaged("no field length at character " + position);
        }
        int length = parseLength(encoded.substring(position, colon));
        int end = colon + 1 + length;
        if (end > encoded.length() || end < 0) {
            throw damaged("a field at character " + position + " runs past the end");
        }
        position = end;
        return encoded.substring(colon + 1, end);
    }

    long number() {
        String text = text();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw damaged("'" + text + "' is not a number");
        }
    }

    int count() {
        long n = number();
        if (n < 0 || n > encoded.length()) {
            throw damaged("a count of " + n + " cannot be right");
        }
        return (int) n;
    }

    List<String> list() {
        int n = count();
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(text());
        }
        return values;
    }

    Map<String, String> map() {
        int n = count();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            values.put(text(), text());
        }
        return values;
    }

    void end() {
        if (position != encoded.length()) {
            throw damaged((encoded.length() - position) + " characters are left over");
        }
    }

    StoreException damaged(String why) {
        return new StoreException(what + " in the store cannot be read: " + why);
    }

    private int parseLength(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                throw damaged("'" + digits + "' is not a field length");
            }
        }
        long length = Long.parseLong(digits);
        if (length > Integer.MAX_VALUE) {
            throw damaged("a field length of " + length + " cannot be right");
        }
        return (int) length;
    }
}
