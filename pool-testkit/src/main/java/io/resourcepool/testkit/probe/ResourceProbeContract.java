package io.resourcepool.testkit.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.NodeResources;
import io.resourcepool.api.spi.probe.ResourceProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link ResourceProbe} must show: sane figures, sample after sample, from any thread. An
 * implementation's test extends this class and says how to make the probe; each test gets a fresh one.
 */
@Timeout(60)
public abstract class ResourceProbeContract {
    /** The probe of the running test. */
    protected ResourceProbe probe;

    /**
     * Makes the probe under test. Called before each test.
     *
     * @return a probe
     */
    protected abstract ResourceProbe newProbe();

    @BeforeEach
    final void makeProbe() {
        probe = newProbe();
    }

    @Test
    void reportsAtLeastOneProcessor() {
        assertThat(probe.sample().logicalCpus()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void reportsMemoryWithNoMoreAvailableThanThereIs() {
        NodeResources sample = probe.sample();

        assertThat(sample.memoryTotalBytes()).isPositive();
        assertThat(sample.memoryAvailableBytes()).isBetween(0L, sample.memoryTotalBytes());
    }

    @Test
    void reportsStorageWithNoMoreAvailableThanThereIs() {
        NodeResources sample = probe.sample();

        assertThat(sample.storageAvailableBytes()).isBetween(0L, sample.storageTotalBytes());
    }

    @Test
    void gpusHaveAVendorAModelAndIndexesOfTheirOwn() {
        List<NodeResources.Gpu> gpus = probe.sample().gpus();
        assertThat(gpus).allSatisfy(gpu -> {
            assertThat(gpu.vendor()).isNotBlank();
            assertThat(gpu.model()).isNotBlank();
            assertThat(gpu.memoryUsedBytes()).isLessThanOrEqualTo(gpu.memoryBytes());
        });
        assertThat(gpus).extracting(NodeResources.Gpu::index).doesNotHaveDuplicates();
    }

    @Test
    void repeatedSamplesStaySaneAndKeepTheProcessorCount() {
        NodeResources first = probe.sample();
        for (int i = 0; i < 5; i++) {
            NodeResources next = probe.sample();
            assertThat(next.cpuLoad()).isBetween(0.0, 1.0);
            assertThat(next.logicalCpus()).isEqualTo(first.logicalCpus());
            assertThat(next.memoryTotalBytes()).isEqualTo(first.memoryTotalBytes());
            // the same devices; their use and temperature may move between samples
            assertThat(next.gpus()).map(gpu -> gpu.index() + " " + gpu.uuid() + " " + gpu.model())
                    .isEqualTo(first.gpus().stream().map(gpu -> gpu.index() + " " + gpu.uuid() + " " + gpu.model()).toList());
        }
    }

    @Test
    void samplesFromManyThreadsAtOnce() throws Exception {
        List<CompletableFuture<NodeResources>> samples = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            samples.add(CompletableFuture.supplyAsync(probe::sample));
        }
        for (CompletableFuture<NodeResources> sample : samples) {
            assertThat(sample.get(30, TimeUnit.SECONDS).logicalCpus()).isGreaterThanOrEqualTo(1);
        }
    }
}
