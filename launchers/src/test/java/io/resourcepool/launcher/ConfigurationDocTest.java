package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.launcher.config.ConfigKey;
import io.resourcepool.launcher.config.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps docs/CONFIGURATION.md in step with {@link ConfigKey}: every key documented once, under its group, with
 * the default the code uses, no key documented that the code does not know, and an example file the command
 * accepts.
 */
class ConfigurationDocTest {
    private static final Path DOC = Path.of("..", "docs", "CONFIGURATION.md");
    /** A row of a key table: | `key` | default | meaning |. */
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9-]+\\.[a-z0-9.-]+)` \\| ([^|]+?) \\| (.+) \\|$");
    private static final Pattern GROUP = Pattern.compile("^## `([a-z]+)\\.\\*`");
    private static final Pattern EXAMPLE = Pattern.compile("```properties\\n(.*?)```", Pattern.DOTALL);

    private static String doc;
    private static final Map<String, Row> rows = new LinkedHashMap<>();
    private static final List<String> duplicates = new ArrayList<>();

    /** One documented key: its group heading, default cell and meaning. */
    private record Row(String group, String defaultCell, String meaning) {}

    @BeforeAll
    static void readTheDoc() throws IOException {
        doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String group = "";
        for (String line : doc.lines().toList()) {
            Matcher heading = GROUP.matcher(line);
            if (heading.find()) {
                group = heading.group(1);
            } else if (line.startsWith("## ")) {
                group = "";
            }
            Matcher row = ROW.matcher(line);
            if (row.matches() && rows.put(row.group(1), new Row(group, row.group(2), row.group(3))) != null) {
                duplicates.add(row.group(1));
            }
        }
    }

    @Test
    void everyKeyIsDocumentedWithTheDefaultTheCodeUses() {
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> documented = new LinkedHashMap<>();
        for (ConfigKey key : ConfigKey.values()) {
            expected.put(key.key(), key.defaultValue().isEmpty() ? "(not set)" : "`" + key.defaultValue() + "`");
            documented.put(key.key(), Optional.ofNullable(rows.get(key.key())).map(Row::defaultCell).orElse("(missing from " + DOC + ")"));
        }
        assertThat(documented).as("defaults in " + DOC).isEqualTo(expected);
        assertThat(duplicates).as("keys documented twice").isEmpty();
    }

    @Test
    void everyKeyIsDocumentedUnderItsGroupWithAMeaning() {
        for (ConfigKey key : ConfigKey.values()) {
            Row row = rows.get(key.key());
            assertThat(row).as(key.key() + " in " + DOC).isNotNull();
            assertThat(row.group()).as("the section holding " + key.key()).isEqualTo(key.key().substring(0, key.key().indexOf('.')));
            assertThat(row.meaning()).as("the meaning of " + key.key()).hasSizeGreaterThan(10);
        }
    }

    @Test
    void theDocDocumentsNoKeyTheCodeDoesNotKnow() {
        List<String> unknown = rows.keySet().stream().filter(k -> ConfigKey.named(k).isEmpty()).toList();
        assertThat(unknown).as("keys in " + DOC + " that ConfigKey lacks").isEmpty();
    }

    @Test
    void everyGroupHasItsSection() {
        List<String> groups = Arrays.stream(ConfigKey.values()).map(k -> k.key().substring(0, k.key().indexOf('.'))).distinct().toList();
        assertThat(groups).containsExactly("hub", "store", "retention", "audit", "auth", "scheduler", "http", "alerts", "honeypot", "security", "discovery", "worker", "client", "transport", "log");
        for (String group : groups) {
            assertThat(doc).containsPattern("(?m)^## `" + group + "\\.\\*`");
        }
    }

    @Test
    void theExampleFileIsAcceptedAndNamesSecretsOnlyByReference(@TempDir Path dir) throws IOException {
        Matcher example = EXAMPLE.matcher(doc);
        assertThat(example.find()).as("a ```properties block in " + DOC).isTrue();
        Path file = Files.writeString(dir.resolve("pool.conf"), example.group(1), StandardCharsets.UTF_8);

        Settings settings = Settings.load(Optional.of(file), Map.of(), Map.of("POOL_ADMIN_PASSWORD", "from-the-environment"));

        assertThat(settings.address(ConfigKey.HUB_BIND).getPort()).isEqualTo(7443);
        assertThat(settings.duration(ConfigKey.HUB_NODE_TIMEOUT)).isGreaterThanOrEqualTo(settings.duration(ConfigKey.HUB_HEARTBEAT_INTERVAL).multipliedBy(2));
        assertThat(settings.duration(ConfigKey.HUB_JOB_TIMEOUT)).isPositive();
        assertThat(settings.integer(ConfigKey.AUTH_BCRYPT_COST)).isBetween(10, 20);
        assertThat(settings.duration(ConfigKey.AUTH_SESSION_TIMEOUT)).isPositive();
        assertThat(settings.pairs(ConfigKey.WORKER_LABELS)).containsEntry("zone", "lab");
        assertThat(settings.address(ConfigKey.CLIENT_HUB).getHostString()).isEqualTo("hub.example.org");
        assertThat(settings.optionalAddress(ConfigKey.HTTP_BIND)).hasValueSatisfying(a -> assertThat(a.getPort()).isEqualTo(7080));
        assertThat(settings.secret(ConfigKey.HUB_ADMIN_PASSWORD_ENV, ConfigKey.HUB_ADMIN_PASSWORD_FILE)).get()
                .extracting(s -> s.reveal()).isEqualTo("from-the-environment");
    }

    @Test
    void theDocStatesThePrecedenceAndTheFormat() {
        assertThat(doc.replaceAll("\\s+", " ")).contains("java.util.Properties", "--config FILE", "--set KEY=VALUE",
                "default < file < saved session < named flag < `--set`");
    }
}
