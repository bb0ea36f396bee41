package io.resourcepool.launcher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropertiesFileUpdateTest {
    @TempDir
    Path dir;

    @Test
    void setsKeysInPlaceKeepsEveryOtherLineAndAppendsWhatIsMissing() throws IOException {
        Path file = dir.resolve("worker.properties");
        Files.writeString(file, """
                # The hub, and its CA's fingerprint.
                worker.hub = 127.0.0.1:7443
                worker.ca-fingerprint =
                # worker.labels = gpu=none
                worker.data-dir = /var/lib/resourcepool/worker
                worker.hub = 10.0.0.9:7443
                """);
        Map<ConfigKey, String> values = new LinkedHashMap<>();
        values.put(ConfigKey.WORKER_HUB, "hub.example.org:7443");
        values.put(ConfigKey.WORKER_CA_FINGERPRINT, "ab:cd");
        values.put(ConfigKey.WORKER_LABELS, "zone=lab");
        values.put(ConfigKey.WORKER_OWNER, "alice");

        PropertiesFileUpdate.set(file, values);

        assertThat(Files.readString(file)).isEqualTo("""
                # The hub, and its CA's fingerprint.
                worker.hub = hub.example.org:7443
                worker.ca-fingerprint = ab:cd
                worker.labels = zone=lab
                worker.data-dir = /var/lib/resourcepool/worker
                worker.owner = alice
                """);
        Settings read = Settings.load(Optional.of(file), Map.of(), Map.of());
        assertThat(read.required(ConfigKey.WORKER_HUB)).isEqualTo("hub.example.org:7443");
        assertThat(read.pairs(ConfigKey.WORKER_LABELS)).containsEntry("zone", "lab");
    }

    @Test
    void keepsTheFilesPermissions() throws IOException {
        Path file = dir.resolve("worker.properties");
        Files.writeString(file, "worker.hub = 127.0.0.1:7443\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        PropertiesFileUpdate.set(file, Map.of(ConfigKey.WORKER_HUB, "h:1"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void refusesAValueOnSeveralLinesAndAFileThatIsNotThere() {
        Path file = dir.resolve("absent.properties");
        assertThatThrownBy(() -> PropertiesFileUpdate.set(file, Map.of(ConfigKey.WORKER_HUB, "h:1")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(file.toString());
        assertThatThrownBy(() -> PropertiesFileUpdate.set(file, Map.of(ConfigKey.WORKER_HUB, "h:1\nhub.bind=0.0.0.0:1")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("worker.hub").hasMessageContaining("one line");
    }
}
