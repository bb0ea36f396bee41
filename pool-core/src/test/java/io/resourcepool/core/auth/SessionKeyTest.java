package io.resourcepool.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionKeyTest {
    @TempDir
    Path dataDir;

    @Test
    void firstStartWritesA32ByteKeyReadableByTheOwnerOnly() throws Exception {
        SessionKey.openOrCreate(dataDir);

        Path file = dataDir.resolve("session-key");
        assertThat(file).exists();
        assertThat(Files.size(file)).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void reopeningUsesTheSameKey() throws Exception {
        Secret token = new SessionTokens(SessionKey.openOrCreate(dataDir)).issue();
        byte[] written = Files.readAllBytes(dataDir.resolve("session-key"));

        SessionKey reopened = SessionKey.openOrCreate(dataDir);

        assertThat(new SessionTokens(reopened).verifySignature(token)).isTrue();
        assertThat(Files.readAllBytes(dataDir.resolve("session-key"))).isEqualTo(written);
    }

    @Test
    void missingDataDirectoryIsMade() {
        Path nested = dataDir.resolve("hub/data");

        SessionKey.openOrCreate(nested);

        assertThat(nested.resolve("session-key")).exists();
    }

    @Test
    void truncatedKeyFileIsRefusedSayingWhatToDo() throws Exception {
        Files.write(dataDir.resolve("session-key"), new byte[7]);

        assertThatThrownBy(() -> SessionKey.openOrCreate(dataDir))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("holds 7 bytes, not 32")
                .hasMessageContaining("delete it");
    }

    @Test
    void keyNeverShowsInToString() {
        assertThat(SessionKey.openOrCreate(dataDir).toString()).isEqualTo("SessionKey[hidden]");
    }
}
