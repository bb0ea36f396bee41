package io.resourcepool.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.KeySeal;
import io.resourcepool.api.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files sealed under a secret kept outside the data directory: useless without it, the same key with it. */
class SealedKeyFilesTest {
    private static final KeySeal SEAL = KeySeal.under(Secret.of("a-sealing-secret-of-enough-length-0123456789"));

    @TempDir
    Path dataDir;

    @Test
    void aSealedKeyFileOpensWithItsSealToTheSameKey() throws Exception {
        Secret token = new SessionTokens(SessionKey.openOrCreate(dataDir, SEAL)).issue();

        assertThat(Files.readString(dataDir.resolve(SessionKey.FILE_NAME), StandardCharsets.US_ASCII)).startsWith(KeySeal.MAGIC);
        assertThat(new SessionTokens(SessionKey.openOrCreate(dataDir, SEAL)).verifySignature(token)).isTrue();
    }

    @Test
    void aCopyOfTheDataDirectoryWithoutTheSealGivesNothing() {
        SeedVault.openOrCreate(dataDir, SEAL);

        assertThatThrownBy(() -> SeedVault.openOrCreate(dataDir)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is sealed", "hub.key-seal-env");
        assertThatThrownBy(() -> SeedVault.openOrCreate(dataDir, KeySeal.under(Secret.of("another-sealing-secret-of-enough-length-0123"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("does not open");
    }

    @Test
    void aKeyFoundUnsealedIsSealedInPlaceAndStaysTheSame() throws Exception {
        Secret token = new SessionTokens(SessionKey.openOrCreate(dataDir)).issue();
        byte[] plain = Files.readAllBytes(dataDir.resolve(SessionKey.FILE_NAME));

        SessionKey sealedNow = SessionKey.openOrCreate(dataDir, SEAL);

        byte[] stored = Files.readAllBytes(dataDir.resolve(SessionKey.FILE_NAME));
        assertThat(KeySeal.isSealed(stored)).isTrue();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(new String(plain, StandardCharsets.ISO_8859_1));
        assertThat(new SessionTokens(sealedNow).verifySignature(token)).isTrue();
        assertThat(dataDir.resolve(SessionKey.FILE_NAME + ".sealing")).doesNotExist();
    }

    @Test
    void aSealedFileMovedToAnotherKeysNameDoesNotOpen() throws Exception {
        SessionKey.openOrCreate(dataDir, SEAL);
        Files.copy(dataDir.resolve(SessionKey.FILE_NAME), dataDir.resolve(SeedVault.FILE_NAME));

        assertThatThrownBy(() -> SeedVault.openOrCreate(dataDir, SEAL)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("does not open");
    }

    @Test
    void aShortSealingSecretIsRefused() {
        assertThatThrownBy(() -> KeySeal.under(Secret.of("short"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("at least 32");
    }
}
