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
    void jobUidsSettingIsPassedOn() {
        var sandbox = new ProcessSandboxProvider().create(new ProviderConfig("process", "sandbox", DATA, Map.of("job-uids", "5000-5009")));

        assertThat(sandbox).hasToString("ProcessSandbox[jobUids=5000-5009]");
    }

    @Test
    void jobUidsDefaultToSystemdsDynamicRange() {
        assertThat(new ProcessSandboxProvider().create(ProviderConfig.of("process", "sandbox", DATA))).hasToString("ProcessSandbox[jobUids=61184-65519]");
    }

    @Test
    void unknownSettingIsRefusedByItsFullKey() {
        assertThatThrownBy(() -> new ProcessSandboxProvider().create(new ProviderConfig("process", "sandbox", DATA, Map.of("run_as", "x"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("sandbox.run_as");
    }

    @Test
    void aJobUidRangeHoldingRootIsRefused() {
        assertThatThrownBy(() -> new ProcessSandboxProvider().create(new ProviderConfig("process", "sandbox", DATA, Map.of("job-uids", "0-10"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("sandbox.job-uids")
                .hasMessageContaining("above 0");
    }

    @Test
    void runAsIsNoLongerASetting() {
        assertThatThrownBy(() -> new ProcessSandboxProvider().create(new ProviderConfig("process", "sandbox", DATA, Map.of("run-as", "nobody"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("sandbox.run-as is not a setting");
    }
}
