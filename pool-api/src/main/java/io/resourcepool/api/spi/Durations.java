package io.resourcepool.api.spi;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the duration forms configuration accepts: ISO-8601 ({@code PT30S}) or a whole number with a unit
 * ({@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}).
 */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

    private Durations() {}

    /**
     * Parses a duration.
     *
     * @param text the text
     * @return the duration
     * @throws java.time.format.DateTimeParseException when the text is neither form
     */
    public static Duration parse(String text) {
        Matcher m = SHORT.matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        Duration parsed = Duration.parse(text);
        if (parsed.isNegative()) {
            throw new java.time.format.DateTimeParseException("negative duration", text, 0);
        }
        return parsed;
    }
}
