package io.resourcepool.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.NodeResources;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.probe.ResourceProbe;
import io.resourcepool.testkit.probe.ResourceProbeContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FixedResourceProbeTest extends ResourceProbeContract {
    private static final Path DATA = Path.of("/var/lib/pool");

    @Override
    protected ResourceProbe newProbe() {
        return create(Map.of("cpus", "8", "memory-bytes", "32g", "memory-available-bytes", "20g", "storage-bytes", "1t",
                "cpu-load", "0.25", "gpu-count", "2", "gpu-model", "a100"));
    }

    @Test
    void reportsTheStatedFigures() {
        NodeResources sample = probe.sample();

        assertThat(sample.logicalCpus()).isEqualTo(8);
        assertThat(sample.cpuLoad()).isEqualTo(0.25);
        assertThat(sample.memoryTotalBytes()).isEqualTo(32L << 30);
        assertThat(sample.memoryAvailableBytes()).isEqualTo(20L << 30);
        assertThat(sample.storageTotalBytes()).isEqualTo(1L << 40);
        assertThat(sample.storageAvailableBytes()).isEqualTo(1L << 40);
        assertThat(sample.gpus()).hasSize(2).allSatisfy(gpu -> assertThat(gpu.model()).isEqualTo("a100"));
    }

    @Test
    void sizesTakeBytesOrBinaryUnits() {
        NodeResources sample = create(Map.of("cpus", "1", "memory-bytes", "1048576", "storage-bytes", "512MiB")).sample();

        assertThat(sample.memoryTotalBytes()).isEqualTo(1L << 20);
        assertThat(sample.storageTotalBytes()).isEqualTo(512L << 20);
        assertThat(sample.gpus()).isEmpty();
    }

    @Test
    void cpusAndMemoryMustBeStated() {
        assertThatThrownBy(() -> create(Map.of("memory-bytes", "1g"))).isInstanceOf(ConfigurationException.class).hasMessageContaining("probe.cpus");
        assertThatThrownBy(() -> create(Map.of("cpus", "2"))).isInstanceOf(ConfigurationException.class).hasMessageContaining("probe.memory-bytes");
    }

    @Test
    void malformedFiguresAreRefusedByTheirKey() {
        assertThatThrownBy(() -> create(Map.of("cpus", "2", "memory-bytes", "lots"))).hasMessageContaining("probe.memory-bytes is 'lots'");
        assertThatThrownBy(() -> create(Map.of("cpus", "0", "memory-bytes", "1g"))).hasMessageContaining("probe.cpus must be at least 1");
        assertThatThrownBy(() -> create(Map.of("cpus", "2", "memory-bytes", "1g", "cpu-load", "1.5"))).hasMessageContaining("probe.cpu-load");
        assertThatThrownBy(() -> create(Map.of("cpus", "2", "memory-bytes", "1g", "gpu-count", "-1"))).hasMessageContaining("probe.gpu-count");
        assertThatThrownBy(() -> create(Map.of("cpus", "2", "memory-bytes", "99999999999t"))).hasMessageContaining("probe.memory-bytes");
        assertThatThrownBy(() -> create(Map.of("cpus", "2", "memory-bytes", "1g", "memory-available-bytes", "2g")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("memoryAvailableBytes");
        assertThatThrownBy(() -> create(Map.of("cpus", "2", "memory-bytes", "1g", "cpu", "4")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("probe.cpu is not a setting");
    }

    @Test
    void instanceReportsWhatItWasGiven() {
        NodeResources stated = new NodeResources(3, 0.5, 100, 50, 10, 5, List.of());

        assertThat(new FixedResourceProbe(stated).sample()).isEqualTo(stated);
    }

    private static ResourceProbe create(Map<String, String> settings) {
        return new FixedResourceProbeProvider().create(new ProviderConfig("fixed", "probe", DATA, settings));
    }
}
