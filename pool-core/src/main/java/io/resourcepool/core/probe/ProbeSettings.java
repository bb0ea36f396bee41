package io.resourcepool.core.probe;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.ProviderConfig;
import java.util.Set;
import java.util.TreeSet;

/** Reads the probes' settings; every failure names the full key. */
final class ProbeSettings {

    private ProbeSettings() {}

    /** Refuses a setting the provider does not know, so that a misspelt key is not silently ignored. */
    static void rejectUnknown(ProviderConfig config, Set<String> known) {
        config.settings().keySet().stream().filter(key -> !known.contains(key)).sorted().findFirst().ifPresent(key -> {
            throw new ConfigurationException(config.fullKey(key) + " is not a setting of probe type '" + config.type()
                    + "'; known: " + new TreeSet<>(known));
        });
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
}
