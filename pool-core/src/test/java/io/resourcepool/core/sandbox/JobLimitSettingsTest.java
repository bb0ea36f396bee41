package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.sandbox.IsolationFeature;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobLimitSettingsTest {
    private static final Path DATA = Path.of("/var/lib/pool");

    private static ProviderConfig config(Map<String, String> settings) {
        return new ProviderConfig("process", "sandbox", DATA, settings);
    }

    @Test
    void defaultsAreCgroupsWhereAllowedAndNoProcessCeiling() {
        assertThat(JobLimitSettings.from(config(Map.of()))).isEqualTo(JobLimitSettings.DEFAULT);
        assertThat(JobLimitSettings.DEFAULT.cgroupRoot()).contains(Path.of("/sys/fs/cgroup"));
    }

    @Test
    void cgroupsOffAndAProcessCeilingAreRead() {
        assertThat(JobLimitSettings.from(config(Map.of("cgroups", "OFF", "max-processes", " 64 "))))
                .isEqualTo(new JobLimitSettings(Optional.empty(), 64));
    }

    @Test
    void badValuesAreRefusedByTheirFullKey() {
        assertThatThrownBy(() -> JobLimitSettings.from(config(Map.of("cgroups", "yes"))))
                .isInstanceOf(ConfigurationException.class).hasMessage("sandbox.cgroups must be auto or off, not 'yes'");
        assertThatThrownBy(() -> JobLimitSettings.from(config(Map.of("max-processes", "-1"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("sandbox.max-processes must be a whole number");
        assertThatThrownBy(() -> JobLimitSettings.from(config(Map.of("max-processes", "many"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("not 'many'");
    }

    @Test
    void theCeilingCapsAJobsProcessesAndLeavesASmallerRequestAlone() {
        JobLimitSettings ceiling = new JobLimitSettings(Optional.empty(), 20);
        SandboxLimits none = SandboxLimits.of(Duration.ofSeconds(1), 100);

        assertThat(ceiling.apply(none).processes()).isEqualTo(20);
        assertThat(ceiling.apply(none.withProcesses(50)).processes()).isEqualTo(20);
        assertThat(ceiling.apply(none.withProcesses(5)).processes()).isEqualTo(5);
        assertThat(JobLimitSettings.DEFAULT.apply(none)).isEqualTo(none);
    }

    @Test
    void aCpuTimeCeilingIsReadAndCapsEveryJob() {
        JobLimitSettings ceiling = JobLimitSettings.from(config(Map.of("max-cpu-time", "10m")));
        SandboxLimits none = SandboxLimits.of(Duration.ofSeconds(1), 100);

        assertThat(ceiling.maxCpuTime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(ceiling.apply(none).cpuTime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(ceiling.apply(none.withCpuTime(Duration.ofMinutes(20))).cpuTime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(ceiling.apply(none.withCpuTime(Duration.ofSeconds(5))).cpuTime()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> JobLimitSettings.from(config(Map.of("max-cpu-time", "forever"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("sandbox.max-cpu-time must be a duration", "not 'forever'");
    }

    @Test
    void bothProvidersAcceptTheSettingsAndTheProcessSandboxHonoursCgroupsOff() {
        var process = new ProcessSandboxProvider().create(config(Map.of("cgroups", "off", "max-processes", "10")));
        new BubblewrapSandboxProvider().create(new ProviderConfig("bubblewrap", "sandbox", DATA, Map.of("cgroups", "auto")));

        // no cgroup, so no CPU share; a root worker still kills a whole job through its own uid
        assertThat(process.isolation().features()).doesNotContain(IsolationFeature.CPU_SHARE);
        assertThat(process.isolation().features().contains(IsolationFeature.WHOLE_TREE_KILL)).isEqualTo(UnixAccounts.effectiveUid() == 0);
        assertThat(process.isolation().description()).contains("no per-job cgroups (turned off by configuration)");
    }
}
