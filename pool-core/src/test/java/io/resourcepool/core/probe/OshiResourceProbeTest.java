package io.resourcepool.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.NodeResources;
import io.resourcepool.api.spi.probe.ResourceProbe;
import io.resourcepool.testkit.probe.ResourceProbeContract;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OshiResourceProbeTest extends ResourceProbeContract {
    @TempDir
    Path workDirectory;

    @Override
    protected ResourceProbe newProbe() {
        return new OshiResourceProbe(workDirectory, GpuOverride.none());
    }

    @Test
    void reportsTheProcessorsThisJvmMayUse() {
        assertThat(probe.sample().logicalCpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void reportsTheFileSystemOfTheWorkDirectory() throws Exception {
        FileStore store = Files.getFileStore(workDirectory);

        assertThat(probe.sample().storageTotalBytes()).isEqualTo(store.getTotalSpace());
    }

    @Test
    void workDirectoryNotYetMadeIsMeasuredByItsNearestParent() throws Exception {
        ResourceProbe notYetMade = new OshiResourceProbe(workDirectory.resolve("jobs/not/yet"), GpuOverride.none());

        assertThat(notYetMade.sample().storageTotalBytes()).isEqualTo(Files.getFileStore(workDirectory).getTotalSpace());
    }

    @Test
    void statedGpusWinOverWhatWasFound() {
        NodeResources sample = new OshiResourceProbe(workDirectory, GpuOverride.of(2, Optional.of("a100"))).sample();

        assertThat(sample.gpus()).hasSize(2).allSatisfy(gpu -> assertThat(gpu.model()).isEqualTo("a100"));
    }

    @Test
    void statedZeroGpusHidesWhatWasFound() {
        assertThat(new OshiResourceProbe(workDirectory, GpuOverride.of(0, Optional.empty())).sample().gpus()).isEmpty();
    }
}
