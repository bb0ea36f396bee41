package io.resourcepool.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.Providers;
import io.resourcepool.api.spi.probe.ResourceProbeProvider;
import io.resourcepool.testkit.gpu.FakeGpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeProvidersTest {
    @TempDir
    Path data;

    @Test
    void serviceLoaderFindsBothProbes() {
        assertThat(Providers.select(ResourceProbeProvider.class, "oshi")).isInstanceOf(OshiResourceProbeProvider.class);
        assertThat(Providers.select(ResourceProbeProvider.class, "fixed")).isInstanceOf(FixedResourceProbeProvider.class);
    }

    @Test
    void oshiProbeMeasuresTheWorkDirectoryGivenRelativeToTheDataDirectory() throws Exception {
        Files.createDirectory(data.resolve("jobs"));
        var probe = new OshiResourceProbeProvider().create(new ProviderConfig("oshi", "probe", data,
                Map.of("work-dir", "jobs", "gpu-count", "1", "gpu-model", "l4")));

        var sample = probe.sample();

        assertThat(sample.storageTotalBytes()).isEqualTo(Files.getFileStore(data).getTotalSpace());
        assertThat(sample.gpus()).singleElement().satisfies(gpu -> assertThat(gpu.model()).isEqualTo("l4"));
    }

    @Test
    void oshiProbeFindsAmdGpusWhereAmdgpuSysfsSaysRelativeToTheDataDirectory() {
        FakeGpus fake = FakeGpus.create(data.resolve("gpus"));
        fake.stateAmd(new FakeGpus.Amd(0, "a1", "AMD Instinct MI210", 0, 0), new FakeGpus.Amd(1, "b2", "AMD Instinct MI210", 0, 0));

        var probe = new OshiResourceProbeProvider().create(new ProviderConfig("oshi", "probe", data,
                Map.of("amdgpu-sysfs", "gpus/sys/class/drm", "nvidia-smi", fake.program().toString())));

        assertThat(probe.sample().gpus()).extracting(gpu -> gpu.uuid()).containsExactly("GPU-a1", "GPU-b2");
    }

    @Test
    void oshiProbeRefusesUnknownAndBadSettings() {
        assertThatThrownBy(() -> new OshiResourceProbeProvider().create(new ProviderConfig("oshi", "probe", data, Map.of("workdir", "x"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("probe.workdir");
        assertThatThrownBy(() -> new OshiResourceProbeProvider().create(new ProviderConfig("oshi", "probe", data, Map.of("gpu-count", "two"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("probe.gpu-count");
        assertThatThrownBy(() -> new OshiResourceProbeProvider().create(new ProviderConfig("oshi", "probe", data, Map.of("gpu-model", " "))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("probe.gpu-model");
    }
}
