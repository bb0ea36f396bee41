package io.resourcepool.core.sandbox;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.ProviderConfig;
import java.util.Locale;
import java.util.Set;

/** The settings the sandbox providers share, each read the same way and refused naming its full key. */
final class SandboxSettings {
    private SandboxSettings() {}

    /** Refuses the first setting that is not one of {@code known}, naming it and listing the known ones. */
    static void requireKnown(ProviderConfig config, String type, Set<String> known) {
        config.settings().keySet().stream().filter(key -> !known.contains(key)).findFirst().ifPresent(key -> {
            throw new ConfigurationException(config.fullKey(key) + " is not a setting of sandbox type '" + type + "'; known: " + known);
        });
    }

    /** Reads {@code job-uids}, naming the key when it is not allowed. */
    static JobUidRange jobUids(ProviderConfig config) {
        try {
            return JobUidRange.parse(config.get("job-uids").orElse(JobUidRange.DEFAULT));
        } catch (ConfigurationException e) {
            throw new ConfigurationException(config.fullKey("job-uids") + ": " + e.getMessage());
        }
    }

    /** Reads {@code allow-network}: {@code true} (when not set) or {@code false}. */
    static boolean allowNetwork(ProviderConfig config) {
        String value = config.get("allow-network").orElse("true").strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(config.fullKey("allow-network") + " must be true or false, not '" + value + "'");
        };
    }
}
