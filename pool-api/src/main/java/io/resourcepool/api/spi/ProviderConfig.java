package io.resourcepool.api.spi;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The configuration handed to a provider's {@code create}: its type, the owner's data directory and the
 * settings for that provider (keys without the provider's prefix, for example {@code url} for
 * {@code store.url}). Every getter that fails names the full key.
 *
 * @param type the provider type chosen
 * @param prefix the prefix of the keys in the configuration file, for example {@code store}
 * @param dataDirectory where the owner (hub or worker) keeps its files
 * @param settings the provider's own settings
 */
public record ProviderConfig(String type, String prefix, Path dataDirectory, Map<String, String> settings) {

    /** Checks and copies the fields. */
    public ProviderConfig {
        Objects.requireNonNull(type, "type must be given");
        Objects.requireNonNull(prefix, "prefix must be given");
        Objects.requireNonNull(dataDirectory, "dataDirectory must be given");
        settings = Map.copyOf(Objects.requireNonNull(settings, "settings must be given"));
    }

    /**
     * A configuration with no settings.
     *
     * @param type the provider type
     * @param prefix the key prefix
     * @param dataDirectory the owner's data directory
     * @return the configuration
     */
    public static ProviderConfig of(String type, String prefix, Path dataDirectory) {
        return new ProviderConfig(type, prefix, dataDirectory, Map.of());
    }

    /**
     * A setting, if present.
     *
     * @param key the key without prefix
     * @return its value
     */
    public Optional<String> get(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    /**
     * A setting that must be present.
     *
     * @param key the key without prefix
     * @return its value
     * @throws ConfigurationException naming the key when it is missing
     */
    public String require(String key) {
        return get(key).orElseThrow(() -> new ConfigurationException(fullKey(key) + " must be set for " + prefix + " type '" + type + "'"));
    }

    /**
     * An integer setting.
     *
     * @param key the key without prefix
     * @param defaultValue the value when the key is absent
     * @return the value
     * @throws ConfigurationException naming the key when the value is not a whole number
     */
    public int getInt(String key, int defaultValue) {
        return parse(key, Integer::parseInt, "a whole number").orElse(defaultValue);
    }

    /**
     * A size setting in bytes, written as a whole number optionally with a binary unit ({@code 65536}, {@code 512k},
     * {@code 16g}, {@code 512MiB}); see {@link ByteSizes}.
     *
     * @param key the key without prefix
     * @param defaultValue the value when the key is absent
     * @return the value
     * @throws ConfigurationException naming the key when the value is not a size
     */
    public long getBytes(String key, long defaultValue) {
        return parse(key, ByteSizes::parse, ByteSizes.EXPECTED).orElse(defaultValue);
    }

    /**
     * A duration setting, written as ISO-8601 ({@code PT30S}) or as a number with a unit ({@code 30s},
     * {@code 500ms}, {@code 5m}, {@code 1h}).
     *
     * @param key the key without prefix
     * @param defaultValue the value when the key is absent
     * @return the value
     * @throws ConfigurationException naming the key when the value is not a duration
     */
    public Duration getDuration(String key, Duration defaultValue) {
        return parse(key, Durations::parse, "a duration such as 30s, 500ms, 5m or PT1H").orElse(defaultValue);
    }

    /**
     * A secret given by reference, never inline: {@code KEY-env} names an environment variable and
     * {@code KEY-file} a file holding the value.
     *
     * @param key the key without prefix and suffix, for example {@code password}
     * @param environment the environment to read from (usually {@link System#getenv()})
     * @return the secret, when either reference is set
     * @throws ConfigurationException when the variable is unset or the file unreadable, naming the key
     */
    public Optional<Secret> secret(String key, Map<String, String> environment) {
        Optional<String> variable = get(key + "-env");
        if (variable.isPresent()) {
            return Optional.of(Secret.fromEnvironment(variable.get(), environment, fullKey(key + "-env")));
        }
        return get(key + "-file").map(file -> Secret.fromFile(dataDirectory.resolve(file)));
    }

    /**
     * The key as written in the configuration file.
     *
     * @param key the key without prefix
     * @return {@code prefix.key}
     */
    public String fullKey(String key) {
        return prefix + "." + key;
    }

    private <T> Optional<T> parse(String key, Function<String, T> parser, String expected) {
        return get(key).map(text -> {
            try {
                return parser.apply(text.trim());
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new ConfigurationException(fullKey(key) + " is '" + text + "', which is not " + expected);
            }
        });
    }
}
