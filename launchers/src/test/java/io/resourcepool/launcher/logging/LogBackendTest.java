package io.resourcepool.launcher.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.resourcepool.api.ConfigurationException;
import io.resourcepool.launcher.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code log.*} settings, read and applied to the real Logback: level, JSON lines, rotation, and refusals. */
class LogBackendTest {
    private static final Logger LOG = LoggerFactory.getLogger(LogBackendTest.class);

    @AfterEach
    void backToStandardError() {
        LogBackend.apply(new LogSettings(Level.INFO, LogFormat.TEXT, new LogTarget.StandardError()));
    }

    @Test
    void levelComesFromTheSettingAndEachVerboseStepLowersIt() {
        assertThat(read(Map.of(), 0).level()).isEqualTo(Level.INFO);
        assertThat(read(Map.of("log.level", "WARN"), 0).level()).isEqualTo(Level.WARN);
        assertThat(read(Map.of("log.level", "warn"), 1).level()).isEqualTo(Level.INFO);
        assertThat(read(Map.of("log.level", "info"), 2).level()).isEqualTo(Level.TRACE);
        assertThat(read(Map.of("log.level", "info"), 9).level()).isEqualTo(Level.TRACE);
    }

    @Test
    void appliedLevelDecidesWhatIsWritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pool.log");
        LogBackend.apply(read(Map.of("log.level", "warn", "log.file", file.toString()), 0));
        LOG.info("an info event");
        LOG.warn("a warning event");
        assertThat(Files.readString(file)).contains("WARN").contains("a warning event").doesNotContain("an info event");
        assertThat(LoggerFactory.getLogger("any").isDebugEnabled()).isFalse();
    }

    @Test
    void jsonFormatWritesOneJsonObjectPerLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pool.json");
        LogBackend.apply(read(Map.of("log.format", "json", "log.file", file.toString()), 0));
        LOG.info("first {} of {}", 1, 2);
        LOG.warn("second");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertThat(first.get("level").asText()).isEqualTo("INFO");
        assertThat(first.get("loggerName").asText()).isEqualTo(LogBackendTest.class.getName());
        assertThat(first.get("formattedMessage").asText()).isEqualTo("first 1 of 2");
        assertThat(first.get("timestamp").asLong()).isPositive();
        assertThat(json.readTree(lines.get(1)).get("level").asText()).isEqualTo("WARN");
    }

    @Test
    void aFullFileIsRotatedAndOnlyTheHistoryKept(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pool.log");
        LogBackend.apply(read(Map.of("log.file", file.toString(), "log.max-file-size", "1k", "log.max-history", "2"), 0));
        String line = "x".repeat(200);
        for (int i = 0; i < 200; i++) {
            LOG.info("{} {}", i, line);
        }
        assertThat(dir.resolve("pool.log.1")).exists();
        assertThat(dir.resolve("pool.log.2")).exists();
        assertThat(dir.resolve("pool.log.3")).doesNotExist();
        assertThat(Files.readString(file)).contains("199 ");
    }

    @Test
    void badSettingsAreRefusedNamingTheKey(@TempDir Path dir) {
        String file = dir.resolve("pool.log").toString();
        assertThatThrownBy(() -> read(Map.of("log.level", "loud"), 0)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("log.level is 'loud'").hasMessageContaining("debug");
        assertThatThrownBy(() -> read(Map.of("log.format", "xml"), 0)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("log.format is 'xml'").hasMessageContaining("text or json");
        assertThatThrownBy(() -> read(Map.of("log.file", file, "log.max-history", "0"), 0)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("log.max-history is 0").hasMessageContaining("between 1 and 20");
        assertThatThrownBy(() -> read(Map.of("log.file", file, "log.max-history", "21"), 0)).hasMessageContaining("log.max-history is 21");
        assertThatThrownBy(() -> read(Map.of("log.file", file, "log.max-file-size", "100"), 0)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("log.max-file-size is 100 bytes").hasMessageContaining("1k or more");
        assertThatThrownBy(() -> read(Map.of("log.file", file, "log.max-file-size", "lots"), 0)).hasMessageContaining("log.max-file-size is 'lots'");
        assertThatThrownBy(() -> read(Map.of("log.file", dir.resolve("missing/pool.log").toString()), 0))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> read(Map.of("log.file", dir.toString()), 0)).hasMessageContaining("it is a directory");
    }

    private static LogSettings read(Map<String, String> settings, int verbosity) {
        return LogSettings.from(Settings.load(Optional.empty(), settings, Map.of()), verbosity);
    }
}
