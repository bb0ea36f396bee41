package io.resourcepool.launcher.logging;

import io.resourcepool.api.ConfigurationException;
import java.util.Arrays;
import java.util.Locale;

/** How each log event is written: a line of text, or a JSON object on one line. */
public enum LogFormat {
    /** {@code 2026-12-06T02:31:57.123Z INFO  [thread] logger - message}. */
    TEXT,
    /** Logback's JSON encoder: one object per line, with timestamp, level, threadName, loggerName and formattedMessage. */
    JSON;

    /**
     * Reads a format from the configuration.
     *
     * @param text {@code text} or {@code json}, in any case
     * @param key the key it came from, for the message
     * @return the format
     * @throws ConfigurationException naming the key and the formats there are
     */
    public static LogFormat parse(String text, String key) {
        return Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(text.trim())).findFirst().orElseThrow(() ->
                new ConfigurationException(key + " is '" + text + "', which is not text or json"));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
