package io.resourcepool.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.NodeResources.Gpu;
import io.resourcepool.testkit.gpu.FakeGpus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code oshi} probe finding AMD GPUs in a fake amdgpu sysfs tree: several GPUs, one busy, one without a unique
 * id or product name, one gone; the on-board display adapter and connector entries beside them are not GPUs.
 */
class AmdgpuSysfsProbeTest {
    private static final FakeGpus.Amd IDLE_0 = new FakeGpus.Amd(0, "a1b2c3d4e5f60708", "AMD Instinct MI210", 0, 0);
    private static final FakeGpus.Amd BUSY_1 = new FakeGpus.Amd(1, "1122334455667788", "AMD Instinct MI210", 30000, 95);
    private static final FakeGpus.Amd PLAIN_2 = new FakeGpus.Amd(2, "", "", 0, 0);

    @TempDir
    Path dir;

    @Test
    void reportsEachAmdGpuWithItsFigures() {
        FakeGpus fake = FakeGpus.create(dir);
        fake.stateAmd(IDLE_0, BUSY_1, PLAIN_2);

        var gpus = probe(fake).sample().gpus();

        assertThat(gpus).extracting(Gpu::index).containsExactly(0, 1, 2);
        assertThat(gpus).extracting(Gpu::uuid).containsExactly("GPU-a1b2c3d4e5f60708", "GPU-1122334455667788", PLAIN_2.pciAddress());
        assertThat(gpus).extracting(Gpu::model).containsExactly("AMD Instinct MI210", "AMD Instinct MI210", "AMD GPU 0x740f");
        assertThat(gpus).allSatisfy(gpu -> {
            assertThat(gpu.vendor()).isEqualTo("AMD");
            assertThat(gpu.memoryBytes()).isEqualTo(FakeGpus.AMD_VRAM_BYTES);
            assertThat(gpu.temperatureCelsius()).isEqualTo(47);
        });
        assertThat(gpus.get(1).memoryUsedBytes()).isEqualTo(30000L << 20);
        assertThat(gpus.get(1).utilization()).isEqualTo(0.95);
        assertThat(gpus.get(0).memoryUsedBytes()).isZero();
    }

    @Test
    void aGpuThatDisappearsIsNoLongerReported() {
        FakeGpus fake = FakeGpus.create(dir);
        fake.stateAmd(IDLE_0, BUSY_1, PLAIN_2);
        OshiResourceProbe probe = probe(fake);
        assertThat(probe.sample().gpus()).hasSize(3);

        fake.stateAmd(IDLE_0, PLAIN_2);

        assertThat(probe.sample().gpus()).extracting(Gpu::index).containsExactly(0, 2);
    }

    @Test
    void nvidiaAndAmdGpusAreReportedTogether() {
        FakeGpus fake = FakeGpus.create(dir, FakeGpus.line(0, "GPU-nvidia", "NVIDIA L4", 0, 0));
        fake.stateAmd(IDLE_0);

        assertThat(probe(fake).sample().gpus()).extracting(Gpu::vendor, Gpu::index)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("NVIDIA", 0), org.assertj.core.groups.Tuple.tuple("AMD", 0));
    }

    @Test
    void aMachineWithoutTheDirectoryHasNoAmdGpu() {
        assertThat(new AmdgpuSysfs(dir.resolve("no/such/drm")).gpus()).isEmpty();
    }

    @Test
    void theOperatorsCountWinsOverTheCardsFound() {
        FakeGpus fake = FakeGpus.create(dir);
        fake.stateAmd(IDLE_0, BUSY_1, PLAIN_2);

        var gpus = new OshiResourceProbe(dir, GpuOverride.of(1, java.util.Optional.empty()), fake.program().toString(), fake.drmClass()).sample().gpus();

        assertThat(gpus).extracting(Gpu::uuid).containsExactly("GPU-a1b2c3d4e5f60708");
    }

    private static OshiResourceProbe probe(FakeGpus fake) {
        return new OshiResourceProbe(fake.drmClass(), GpuOverride.none(), fake.program().toString(), fake.drmClass());
    }
}
