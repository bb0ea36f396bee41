package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.Providers;
import io.resourcepool.api.spi.sandbox.SandboxProvider;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessSandboxProviderTest {
    private static final Path DATA = Path.of("/var/lib/pool");

    @Test
    void serviceLoaderFindsTheProcessSandbox() {
        assertThat(Providers.select(SandboxProvider.class, "process")).isInstanceOf(ProcessSandboxProvider.class);
    }

    @Test
    void runAsSettingIsPassedOn() {
        var sandbox = new ProcessSandboxProvider().create(new ProviderConfig("process", "sandbox", DATA, Map.of("run-as", "daemon")));

        assertThat(sandbox).hasToString("ProcessSandbox[runAs=daemon]");
    }

    @Test
    void runAsDefaultsToNobody() {
        assertThat(new ProcessSandboxProvider().create(ProviderConfig.of("process", "sandbox", DATA))).hasToString("ProcessSandbox[runAs=nobody]");
    }

    @Test
    void unknownSettingIsRefusedByItsFullKey() {
        assertThatThrownBy(() -> new ProcessSandboxProvider().create(new ProviderConfig("process", "sandbox", DATA, Map.of("run_as", "x"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("sandbox.run_as");
    }

    @Test
    void blankRunAsIsRefused() {
        assertThatThrownBy(() -> new ProcessSandboxProvider().create(new ProviderConfig("process", "sandbox", DATA, Map.of("run-as", " "))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("sandbox.run-as");
    }
}
