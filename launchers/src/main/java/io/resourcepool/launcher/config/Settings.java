package io.resourcepool.launcher.config;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.ByteSizes;
import io.resourcepool.api.spi.Durations;
import io.resourcepool.core.net.HubAddresses;
import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * The {@code pool} command's configuration: defaults, then the file, then flags. Unknown keys and bad values
 * are errors that name the key and say what is expected.
 */
public final class Settings {
    private final Map<ConfigKey, String> values;
    private final Map<String, String> environment;

    private Settings(Map<ConfigKey, String> values, Map<String, String> environment) {
        this.values = values;
        this.environment = environment;
    }

    /**
     * Reads the configuration.
     *
     * @param file the properties file, if one was given
     * @param overrides {@code key=value} pairs from flags, which win over the file
     * @param environment the process environment, for {@code *-env} keys
     * @return the settings
     * @throws ConfigurationException naming the file or key at fault
     */
    public static Settings load(Optional<Path> file, Map<String, String> overrides, Map<String, String> environment) {
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            values.put(key, key.defaultValue());
        }
        file.ifPresent(f -> readFile(f).forEach((k, v) -> values.put(known(k, "in " + f), v.trim())));
        overrides.forEach((k, v) -> values.put(known(k, "in a --set flag"), v.trim()));
        return new Settings(values, Map.copyOf(environment));
    }

    /**
     * A text value.
     *
     * @param key the key
     * @return its value, empty when unset
     */
    public Optional<String> text(ConfigKey key) {
        String value = values.get(key);
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /**
     * A text value that must be set.
     *
     * @param key the key
     * @return its value
     */
    public String required(ConfigKey key) {
        return text(key).orElseThrow(() -> new ConfigurationException(key.key() + " must be set (" + key.meaning() + ")"));
    }

    /**
     * A whole number.
     *
     * @param key the key
     * @return its value
     */
    public int integer(ConfigKey key) {
        return parse(key, Integer::parseInt, "a whole number");
    }

    /**
     * A size in bytes such as {@code 65536}, {@code 512k}, {@code 1m} or {@code 2g} (binary multiples).
     *
     * @param key the key
     * @return its value
     */
    public long bytes(ConfigKey key) {
        return parse(key, ByteSizes::parse, ByteSizes.EXPECTED);
    }

    /**
     * A duration such as {@code 30s} or {@code PT1H}.
     *
     * @param key the key
     * @return its value
     */
    public Duration duration(ConfigKey key) {
        return parse(key, Durations::parse, "a duration such as 500ms, 30s, 5m or 1h");
    }

    /**
     * {@code true} or {@code false}.
     *
     * @param key the key
     * @return its value
     */
    public boolean bool(ConfigKey key) {
        return parse(key, v -> switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(v);
        }, "true or false");
    }

    /**
     * A {@code host:port} address.
     *
     * @param key the key
     * @return its value
     */
    public InetSocketAddress address(ConfigKey key) {
        return parse(key, Settings::toAddress, "host:port, e.g. 127.0.0.1:7443");
    }

    /**
     * The hubs to join: {@code host:port[,host:port...]}, names resolved only when connecting.
     *
     * @param key the key
     * @return its value
     * @throws ConfigurationException naming the key and the entry at fault
     */
    public HubAddresses hubs(ConfigKey key) {
        return HubAddresses.parse(key.key(), required(key));
    }

    /**
     * A {@code host:port} address that may be switched off.
     *
     * @param key the key
     * @return its value; empty when not set or {@code off}
     */
    public Optional<InetSocketAddress> optionalAddress(ConfigKey key) {
        return text(key).filter(value -> !value.equalsIgnoreCase("off")).map(value -> address(key));
    }

    /**
     * A path; a leading {@code ~/} means the home directory.
     *
     * @param key the key
     * @return its value
     */
    public Path path(ConfigKey key) {
        return parse(key, value -> value.startsWith("~/") ? Path.of(System.getProperty("user.home"), value.substring(2)) : Path.of(value),
                "a file path");
    }

    /**
     * A map written as {@code k=v,k2=v2}.
     *
     * @param key the key
     * @return its value, empty when unset
     */
    public Map<String, String> pairs(ConfigKey key) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : text(key).map(v -> v.split(",")).orElse(new String[0])) {
            String[] kv = pair.trim().split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new ConfigurationException(key.key() + " is '" + values.get(key) + "', which is not a list of key=value pairs");
            }
            out.put(kv[0].trim(), kv[1].trim());
        }
        return out;
    }

    /**
     * A secret named by a pair of keys: an environment variable, or a file.
     *
     * @param envKey the key naming the variable
     * @param fileKey the key naming the file
     * @return the secret, if either is set
     */
    public Optional<Secret> secret(ConfigKey envKey, ConfigKey fileKey) {
        Optional<String> variable = text(envKey);
        if (variable.isPresent()) {
            return Optional.of(Secret.fromEnvironment(variable.get(), environment, envKey.key()));
        }
        return text(fileKey).map(f -> Secret.fromFile(parse(fileKey, Path::of, "a file path")));
    }

    /**
     * All settings with a given prefix, without it, for a provider's {@code ProviderConfig}.
     *
     * @param prefix for example {@code store}
     * @return key (without prefix) to value, unset keys left out
     */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.key().startsWith(prefix + ".") && !v.isEmpty()) {
                out.put(k.key().substring(prefix.length() + 1), v);
            }
        });
        return out;
    }

    /**
     * The environment the settings were read with.
     *
     * @return the environment
     */
    public Map<String, String> environment() {
        return environment;
    }

    private <T> T parse(ConfigKey key, Function<String, T> parser, String expected) {
        String value = required(key);
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ConfigurationException(key.key() + " is '" + value + "', which is not " + expected);
        }
    }

    /** A {@code host:port} resolved now, as a hub binds it: one address only, unlike the hubs a worker or client joins. */
    private static InetSocketAddress toAddress(String value) {
        InetSocketAddress entry = HubAddresses.parseEntry(value);
        return new InetSocketAddress(entry.getHostString(), entry.getPort());
    }

    private static ConfigKey known(String name, String where) {
        return ConfigKey.named(name.trim()).orElseThrow(() -> new ConfigurationException(
                "unknown configuration key '" + name + "' " + where + "; known keys: " + knownKeys()));
    }

    private static String knownKeys() {
        return java.util.Arrays.stream(ConfigKey.values()).map(ConfigKey::key).sorted(Comparator.naturalOrder())
                .reduce((a, b) -> a + ", " + b).orElse("");
    }

    private static Map<String, String> readFile(Path file) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException | IllegalArgumentException e) {
            // Properties.load refuses a malformed unicode escape (a backslash, u and no four hex digits) with IllegalArgumentException
            throw new ConfigurationException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(k -> out.put(k, props.getProperty(k)));
        return out;
    }
}
