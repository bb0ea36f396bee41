package io.resourcepool.launcher;

import io.resourcepool.launcher.config.ConfigKey;
import io.resourcepool.launcher.config.Settings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options every command shares: a configuration file and {@code --set key=value} overrides, which win
 * over the file. Commands add named flags for their common keys through {@link #put}.
 */
public final class ConfigOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "configuration file (properties; see docs/CONFIGURATION.md)")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "set any configuration key, e.g. --set hub.job-timeout=30m")
    Map<String, String> overrides = new LinkedHashMap<>();

    private final Map<String, String> named = new LinkedHashMap<>();

    /**
     * Records a named flag's value for its key, when the flag was given.
     *
     * @param key the key the flag sets
     * @param value the flag's value, or null when it was not given
     */
    public void put(ConfigKey key, Object value) {
        if (value != null) {
            named.put(key.key(), value.toString());
        }
    }

    /**
     * Takes {@code path} as the configuration file when {@code --config} was not given.
     *
     * @param path the file a command reads by default
     * @return the file the settings come from
     */
    public Path fileOr(Path path) {
        if (file == null) {
            file = path;
        }
        return file;
    }

    /**
     * The {@code --config} file, when one was given.
     *
     * @return the file
     */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * The {@code --set} overrides, in the order given.
     *
     * @return key to value
     */
    public Map<String, String> overrides() {
        return java.util.Collections.unmodifiableMap(overrides);
    }

    /**
     * The settings: defaults, then the file, then named flags, then {@code --set}.
     *
     * @return the settings
     */
    public Settings settings() {
        Map<String, String> all = new LinkedHashMap<>(named);
        all.putAll(overrides);
        return Settings.load(Optional.ofNullable(file), all, System.getenv());
    }
}
