package io.resourcepool.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one way a secret is read from the environment or a file. */
class SecretTest {

    @Test
    void readsAVariableNamedBySetting() {
        assertThat(Secret.fromEnvironment("DB_PW", Map.of("DB_PW", "s3cret-value"), "store.password-env").reveal())
                .isEqualTo("s3cret-value");
    }

    @Test
    void anUnsetOrEmptyVariableNamesTheSettingAndTheVariable() {
        assertThatThrownBy(() -> Secret.fromEnvironment("DB_PW", Map.of(), "--password-env"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("--password-env names environment variable DB_PW, which is not set");
        assertThatThrownBy(() -> Secret.fromEnvironment("DB_PW", Map.of("DB_PW", ""), "--password-env"))
                .hasMessageContaining("DB_PW, which is not set");
    }

    @Test
    void aFileLosesItsTrailingLineBreakAndAnEmptyFileIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "s3cret-value\n", StandardCharsets.UTF_8);
        Path empty = Files.writeString(dir.resolve("empty"), "\n", StandardCharsets.UTF_8);

        assertThat(Secret.fromFile(file).reveal()).isEqualTo("s3cret-value");
        assertThatThrownBy(() -> Secret.fromFile(empty)).isInstanceOf(ConfigurationException.class).hasMessageContaining("is empty");
    }
}
