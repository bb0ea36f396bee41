package io.resourcepool.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.NodeResources.Gpu;
import io.resourcepool.testkit.gpu.FakeGpus;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code oshi} probe finding GPUs through a fake {@code nvidia-smi}: several GPUs, one busy, one gone. */
class NvidiaSmiProbeTest {
    @TempDir
    Path dir;

    @Test
    void reportsEachGpuWithItsFigures() {
        FakeGpus fake = FakeGpus.create(dir, FakeGpus.line(0, "GPU-a", "NVIDIA L4", 0, 0), FakeGpus.line(1, "GPU-b", "NVIDIA L4", 20000, 97));

        var gpus = new OshiResourceProbe(dir, GpuOverride.none(), fake.program().toString()).sample().gpus();

        assertThat(gpus).extracting(Gpu::uuid).containsExactly("GPU-a", "GPU-b");
        assertThat(gpus.get(1).memoryUsedBytes()).isEqualTo(20000L << 20);
        assertThat(gpus.get(1).utilization()).isEqualTo(0.97);
        assertThat(gpus).allSatisfy(gpu -> assertThat(gpu.vendor()).isEqualTo("NVIDIA"));
    }

    @Test
    void aGpuThatDisappearsIsNoLongerReported() {
        FakeGpus fake = FakeGpus.create(dir, FakeGpus.line(0, "GPU-a", "NVIDIA L4", 0, 0), FakeGpus.line(1, "GPU-b", "NVIDIA L4", 0, 0));
        OshiResourceProbe probe = new OshiResourceProbe(dir, GpuOverride.none(), fake.program().toString());
        assertThat(probe.sample().gpus()).hasSize(2);

        fake.state(FakeGpus.line(1, "GPU-b", "NVIDIA L4", 0, 0));

        assertThat(probe.sample().gpus()).extracting(Gpu::index).containsExactly(1);
    }

    @Test
    void noNvidiaSmiIsNoGpu() {
        assertThat(new OshiResourceProbe(dir, GpuOverride.none(), dir.resolve("missing/nvidia-smi").toString()).sample().gpus()).isEmpty();
    }

    @Test
    void aFailingNvidiaSmiIsNoGpu() throws Exception {
        Path failing = dir.resolve("nvidia-smi");
        java.nio.file.Files.writeString(failing, "#!/bin/sh\necho 'NVIDIA-SMI has failed' ; exit 9\n");
        failing.toFile().setExecutable(true);

        assertThat(new OshiResourceProbe(dir, GpuOverride.none(), failing.toString()).sample().gpus()).isEmpty();
    }

    @Test
    void displayAdaptersAreNeverCountedWhateverTheMachineHas() {
        // with no vendor tool, no graphics card of the machine (a VM's VGA, say) becomes a GPU
        assertThat(new OshiResourceProbe(dir, GpuOverride.none(), dir.resolve("none").toString()).sample().gpus()).isEmpty();
    }

    @Test
    void statedModelRenamesTheDetectedGpusAndKeepsTheirDevices() {
        FakeGpus fake = FakeGpus.create(dir, FakeGpus.line(4, "GPU-e", "NVIDIA L4", 0, 0));

        var gpus = new OshiResourceProbe(dir, GpuOverride.model("l4"), fake.program().toString()).sample().gpus();

        assertThat(gpus).singleElement().satisfies(gpu -> {
            assertThat(gpu.model()).isEqualTo("l4");
            assertThat(gpu.index()).isEqualTo(4);
            assertThat(gpu.uuid()).isEqualTo("GPU-e");
        });
        assertThat(GpuOverride.of(0, Optional.empty()).applyTo(gpus)).isEmpty();
    }
}
