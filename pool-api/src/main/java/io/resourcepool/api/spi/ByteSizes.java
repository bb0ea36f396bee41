package io.resourcepool.api.spi;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the size forms configuration and command options accept: a whole number of bytes, optionally followed by
 * {@code k}, {@code m}, {@code g} or {@code t} (binary units: 1k is 1024 bytes) and optionally {@code b} or
 * {@code ib}, in either case: {@code 65536}, {@code 512k}, {@code 512MiB}, {@code 2g}. The one parser of sizes in
 * the pool; every setting and option that takes a size reads it here.
 */
public final class ByteSizes {
    /** The accepted forms, for messages such as "KEY is 'x', which is not " + {@code EXPECTED}. */
    public static final String EXPECTED = "a size such as 65536, 512k, 1m or 2g (binary units)";

    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*(?:([kmgt])(?:i?b)?|b)?", Pattern.CASE_INSENSITIVE);

    private ByteSizes() {}

    /**
     * Parses a size.
     *
     * @param text the size, surrounding blanks allowed
     * @return the bytes
     * @throws NumberFormatException when the text is not such a size or does not fit in a {@code long}; the message
     *     quotes the text
     */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new NumberFormatException("'" + text + "' is not a size such as 512m, 2g or 65536 (bytes)");
        }
        int shift = m.group(2) == null ? 0 : switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 40;
        };
        try {
            long number = Long.parseLong(m.group(1));
            if (number <= (Long.MAX_VALUE >> shift)) {
                return number << shift;
            }
        } catch (NumberFormatException e) {
            // nineteen digits past Long.MAX_VALUE: too large, said below
        }
        throw new NumberFormatException("'" + text + "' is too large");
    }

    /**
     * Parses a size given by a named setting or option.
     *
     * @param text the size
     * @param origin the option or key it came from, for example {@code --memory}
     * @return the bytes
     * @throws NumberFormatException naming the origin when the text is not a size or is too large
     */
    public static long parse(String text, String origin) {
        try {
            return parse(text);
        } catch (NumberFormatException e) {
            throw new NumberFormatException(origin + " " + e.getMessage());
        }
    }
}
