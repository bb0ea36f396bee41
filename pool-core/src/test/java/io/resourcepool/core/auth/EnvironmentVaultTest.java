package io.resourcepool.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentVaultTest {
    private static final JobSpec WITH_SECRET = JobSpec.of("env").withEnvironment(Map.of("SECRET", "very-secret-value-123", "EMPTY", ""));

    @TempDir
    Path dataDir;

    @Test
    void sealedValuesKeepTheirNamesHideTheirValuesAndOpenForTheSameJob() {
        EnvironmentVault vault = EnvironmentVault.openOrCreate(dataDir);
        JobId job = JobId.random();

        JobSpec sealed = vault.seal(job, WITH_SECRET);

        assertThat(sealed.environment()).containsOnlyKeys("SECRET", "EMPTY");
        assertThat(sealed.environment().values()).allSatisfy(value -> assertThat(value).startsWith(EnvironmentVault.SEALED_PREFIX));
        assertThat(sealed.environment().get("SECRET")).doesNotContain("very-secret");
        assertThat(sealed.withEnvironment(Map.of())).isEqualTo(WITH_SECRET.withEnvironment(Map.of()));
        assertThat(EnvironmentVault.openOrCreate(dataDir).open(job, sealed)).isEqualTo(WITH_SECRET);
    }

    @Test
    void theKeyFileIsMadeReadableByTheOwnerOnly() throws Exception {
        EnvironmentVault.openOrCreate(dataDir);

        Path file = dataDir.resolve(EnvironmentVault.FILE_NAME);
        assertThat(Files.size(file)).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aValueSealedForOneJobDoesNotOpenForAnother() {
        EnvironmentVault vault = EnvironmentVault.inMemory();
        JobSpec sealed = vault.seal(JobId.random(), WITH_SECRET);

        assertThatThrownBy(() -> vault.open(JobId.random(), sealed)).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void aValueMovedToAnotherVariableDoesNotOpen() {
        EnvironmentVault vault = EnvironmentVault.inMemory();
        JobId job = JobId.random();
        JobSpec sealed = vault.seal(job, WITH_SECRET);
        JobSpec moved = sealed.withEnvironment(Map.of("OTHER", sealed.environment().get("SECRET")));

        assertThatThrownBy(() -> vault.open(job, moved)).isInstanceOf(ConfigurationException.class).hasMessageContaining("OTHER");
    }

    @Test
    void aReplacedKeyFailsNamingTheKeyFileAndNeverTheValue() throws Exception {
        JobId job = JobId.random();
        JobSpec sealed = EnvironmentVault.openOrCreate(dataDir).seal(job, WITH_SECRET);
        Files.delete(dataDir.resolve(EnvironmentVault.FILE_NAME));

        assertThatThrownBy(() -> EnvironmentVault.openOrCreate(dataDir).open(job, sealed))
                .isInstanceOf(ConfigurationException.class)
                // the first variable by name that does not open: EMPTY comes before SECRET
                .hasMessageContainingAll(EnvironmentVault.FILE_NAME, "variable EMPTY ", job.toString())
                .message().doesNotContain("very-secret-value-123");
    }

    @Test
    void aValueStoredBeforeSealingIsGivenAsItIs() {
        JobSpec old = JobSpec.of("env").withEnvironment(Map.of("PLAIN", "stored-before-sealing"));

        assertThat(EnvironmentVault.inMemory().open(JobId.random(), old)).isEqualTo(old);
    }

    @Test
    void theLongestValueThatFitsSealedIsSealedAndOneByteMoreIsRefusedSayingWhy() {
        EnvironmentVault vault = EnvironmentVault.inMemory();
        JobId job = JobId.random();
        JobSpec longest = JobSpec.of("env").withEnvironment(Map.of("BIG", "x".repeat(EnvironmentVault.MAX_VALUE_BYTES)));

        assertThat(vault.open(job, vault.seal(job, longest))).isEqualTo(longest);
        assertThatThrownBy(() -> vault.seal(job, longest.withEnvironment(Map.of("BIG", "x".repeat(EnvironmentVault.MAX_VALUE_BYTES + 1)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("environment value of BIG is " + (EnvironmentVault.MAX_VALUE_BYTES + 1) + " bytes");
    }

    @Test
    void neverShowsItsKey() {
        assertThat(EnvironmentVault.inMemory()).hasToString("EnvironmentVault[hidden]");
    }
}
