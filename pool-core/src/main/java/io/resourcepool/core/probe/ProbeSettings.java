package io.resourcepool.core.probe;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.ProviderConfig;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the probes' settings; every failure names the full key. */
final class ProbeSettings {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*(|k|m|g|t|kib|mib|gib|tib)", Pattern.CASE_INSENSITIVE);

    private ProbeSettings() {}

    /** Refuses a setting the provider does not know, so that a misspelt key is not silently ignored. */
    static void rejectUnknown(ProviderConfig config, Set<String> known) {
        config.settings().keySet().stream().filter(key -> !known.contains(key)).sorted().findFirst().ifPresent(key -> {
            throw new ConfigurationException(config.fullKey(key) + " is not a setting of probe type '" + config.type()
                    + "'; known: " + new TreeSet<>(known));
        });
    }

    /**
     * A size in bytes: a whole number, optionally with a binary unit ({@code 16g}, {@code 512MiB}).
     *
     * @return the size, or {@code defaultBytes} when the key is absent
     */
    static long bytes(ProviderConfig config, String key, long defaultBytes) {
        return config.get(key).map(text -> parseBytes(config, key, text.strip())).orElse(defaultBytes);
    }

    /** A number from 0.0 to 1.0. */
    static double fraction(ProviderConfig config, String key, double defaultValue) {
        return config.get(key).map(text -> {
            try {
                double value = Double.parseDouble(text.strip());
                if (value >= 0.0 && value <= 1.0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below with the expected form
            }
            throw new ConfigurationException(config.fullKey(key) + " is '" + text + "', which is not a number from 0.0 to 1.0");
        }).orElse(defaultValue);
    }

    private static long parseBytes(ProviderConfig config, String key, String text) {
        Matcher m = SIZE.matcher(text);
        if (m.matches()) {
            int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "k", "kib" -> 10;
                case "m", "mib" -> 20;
                case "g", "gib" -> 30;
                case "t", "tib" -> 40;
                default -> 0;
            };
            try {
                long number = Long.parseLong(m.group(1));
                if (number <= (Long.MAX_VALUE >> shift)) {
                    return number << shift;
                }
            } catch (NumberFormatException e) {
                // too large: reported below
            }
        }
        throw new ConfigurationException(config.fullKey(key) + " is '" + text
                + "', which is not a size: give bytes, or a whole number with k, m, g or t (binary units), such as 16g");
    }
}
