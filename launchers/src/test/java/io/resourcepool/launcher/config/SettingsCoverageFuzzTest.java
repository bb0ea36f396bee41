package io.resourcepool.launcher.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.resourcepool.api.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Coverage-guided: any configuration file and {@code --set} pairs give settings whose every key, read as any kind of
 * value, is that value or a {@link ConfigurationException} naming the key; or the load itself is refused with one
 * naming the file or the unknown key. The input is the file's bytes, then optionally a NUL byte and {@code key=value}
 * lines for the flags. Replays its inputs in every build; {@code scripts/fuzz} fuzzes it.
 */
class SettingsCoverageFuzzTest {
    /** An IPv4 literal, which the JDK parses without a lookup. */
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Path FILE = configFile();

    @FuzzTest(maxDuration = "5m")
    void anyFileAndFlagsGiveSettingsOrAnErrorNamingTheKey(byte[] input) throws IOException {
        int nul = indexOf(input, (byte) 0);
        Files.write(FILE, Arrays.copyOfRange(input, 0, nul));
        Map<String, String> overrides = flags(new String(input, Math.min(nul + 1, input.length), input.length - Math.min(nul + 1, input.length),
                StandardCharsets.UTF_8));
        Settings settings;
        try {
            settings = Settings.load(Optional.of(FILE), overrides, Map.of());
        } catch (ConfigurationException refused) {
            assertThat(refused.getMessage()).containsAnyOf(FILE.toString(), "unknown configuration key");
            return;
        }
        for (ConfigKey key : ConfigKey.values()) {
            readEveryWay(settings, key);
        }
    }

    private static void readEveryWay(Settings settings, ConfigKey key) {
        read(key, settings::text);
        read(key, settings::integer);
        read(key, settings::bytes);
        read(key, settings::duration);
        read(key, settings::bool);
        read(key, settings::path);
        read(key, settings::pairs);
        read(key, settings::hubs);
        if (settings.text(key).filter(SettingsCoverageFuzzTest::readsWithoutDns).isPresent()) {
            read(key, settings::address);
            read(key, settings::optionalAddress);
        }
        settings.withPrefix(key.key().substring(0, key.key().indexOf('.')));
    }

    /**
     * Whether an address is read without asking DNS: a host name would be looked up, and a fuzzer must not send
     * thousands of made-up names to the resolver. A host with a colon is an IPv6 literal or refused as one.
     */
    private static boolean readsWithoutDns(String value) {
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? value : value.substring(0, colon).replace("[", "").replace("]", "");
        return host.isEmpty() || host.contains(":") || host.equals("localhost") || DOTTED_QUAD.matcher(host).matches();
    }

    private static void read(ConfigKey key, Function<ConfigKey, Object> how) {
        try {
            assertThat(how.apply(key)).isNotNull();
        } catch (ConfigurationException refused) {
            assertThat(refused.getMessage()).contains(key.key());
        }
    }

    private static Map<String, String> flags(String lines) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (String line : lines.split("\n")) {
            int eq = line.indexOf('=');
            if (!line.isEmpty()) {
                flags.put(eq < 0 ? line : line.substring(0, eq), eq < 0 ? "" : line.substring(eq + 1));
            }
        }
        return flags;
    }

    private static int indexOf(byte[] input, byte wanted) {
        for (int i = 0; i < input.length; i++) {
            if (input[i] == wanted) {
                return i;
            }
        }
        return input.length;
    }

    private static Path configFile() {
        try {
            Path file = Files.createTempFile("fuzzed-config", ".properties");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
