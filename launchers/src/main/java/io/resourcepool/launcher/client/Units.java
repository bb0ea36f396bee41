package io.resourcepool.launcher.client;

import io.resourcepool.core.hub.DiskSpace;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Figures written for people. */
public final class Units {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*([kmgt]?)(?:i?b)?", Pattern.CASE_INSENSITIVE);

    private Units() {}

    /**
     * Reads a size in bytes written for people: a whole number, optionally followed by {@code k}, {@code m},
     * {@code g} or {@code t} (binary: 1k is 1024 bytes), optionally followed by {@code b} or {@code ib}: for example
     * {@code 512m}, {@code 2GiB}, {@code 65536}.
     *
     * @param text the size
     * @param option the option it came from, for messages
     * @return the bytes
     * @throws IllegalArgumentException naming the option when the text is not such a size or is too large
     */
    public static long parseBytes(String text, String option) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a size such as 512m, 2g or 65536 (bytes)");
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        try {
            long number = Long.parseLong(m.group(1));
            if (number > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return number << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is too large");
        }
    }

    /**
     * Bytes in binary units, for example {@code 15.6 GiB}.
     *
     * @param bytes the count
     * @return the text
     */
    public static String bytes(long bytes) {
        return DiskSpace.bytes(bytes);
    }

    /**
     * A fraction as a percentage, for example {@code 37%}.
     *
     * @param fraction 0 to 1
     * @return the text
     */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }
}
