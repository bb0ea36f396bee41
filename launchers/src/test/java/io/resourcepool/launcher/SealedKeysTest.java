package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.KeySeal;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.launcher.config.Settings;
import io.resourcepool.launcher.hub.HubRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hub.key-seal-file} seals every key file of the data directory: a copy of the directory alone opens no
 * hub, while the hub with its seal starts again with the same keys (sessions still valid).
 */
class SealedKeysTest {
    private static final List<String> KEY_FILES = List.of("tls/ca-key.pem", "tls/hub-key.pem", "session-key", "mfa-key", "job-env-key", "audit-key");

    @TempDir
    Path dir;

    private HubRuntime start(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of("hub.bind", "127.0.0.1:0", "hub.data-dir", dir.resolve("hub").toString(),
                "auth.bcrypt-cost", "10"));
        settings.putAll(extra);
        return HubRuntime.start(Settings.load(Optional.empty(), settings, Map.of()), Optional.of(LivePool.ADMIN_PASSWORD));
    }

    @Test
    void everyKeyFileIsSealedAndTheDataDirectoryAloneOpensNoHub() throws Exception {
        Path sealFile = Files.writeString(Files.createDirectories(dir.resolve("other-mount")).resolve("seal"),
                "a-sealing-secret-of-enough-length-0123456789\n");
        Map<String, String> sealed = Map.of("hub.key-seal-file", sealFile.toString());
        String fingerprint;
        try (LivePool pool = new LivePool(dir, sealed)) {
            fingerprint = pool.hub.caFingerprint();
        }

        for (String key : KEY_FILES) {
            assertThat(Files.readString(dir.resolve("hub").resolve(key), StandardCharsets.ISO_8859_1)).as(key).startsWith(KeySeal.MAGIC);
        }
        assertThatThrownBy(() -> start(Map.of())).isInstanceOf(ConfigurationException.class).hasMessageContaining("is sealed");
        try (LivePool again = new LivePool(dir, sealed); PoolClient admin = again.admin()) {
            assertThat(again.hub.caFingerprint()).isEqualTo(fingerprint);
            assertThat(admin.admin().verifyAudit().intact()).isTrue();
        }
    }

    @Test
    void aSealingFileInsideTheDataDirectoryIsRefused() throws Exception {
        Path inside = Files.createDirectories(dir.resolve("hub")).resolve("seal");
        Files.writeString(inside, "a-sealing-secret-of-enough-length-0123456789\n");

        assertThatThrownBy(() -> start(Map.of("hub.key-seal-file", inside.toString()))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("hub.key-seal-file", "inside hub.data-dir");
    }
}
