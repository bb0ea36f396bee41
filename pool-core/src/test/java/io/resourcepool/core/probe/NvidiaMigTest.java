package io.resourcepool.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.NodeResources.Gpu;
import io.resourcepool.testkit.gpu.FakeGpus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MIG devices read from {@code nvidia-smi -L} and offered in place of their card, through a fake {@code nvidia-smi}. */
class NvidiaMigTest {
    private static final String[] LISTING = {
        "GPU 0: NVIDIA A100-SXM4-40GB (UUID: GPU-aaaa)",
        "  MIG 1g.5gb      Device  0: (UUID: MIG-1111)",
        "  MIG 2g.10gb     Device  1: (UUID: MIG-2222)",
        "GPU 1: NVIDIA L4 (UUID: GPU-bbbb)",
    };

    @TempDir
    Path dir;

    @Test
    void theListingNamesEachMigDeviceUnderItsCard() {
        assertThat(NvidiaMig.parse(String.join("\n", LISTING))).containsOnlyKeys("GPU-aaaa").extractingByKey("GPU-aaaa")
                .isEqualTo(List.of(new NvidiaMig.Instance("1g.5gb", "MIG-1111"), new NvidiaMig.Instance("2g.10gb", "MIG-2222")));
        assertThat(NvidiaMig.parse("GPU 0: NVIDIA L4 (UUID: GPU-bbbb)\n")).isEmpty();
    }

    @Test
    void aCardInMigModeIsOfferedAsItsMigDevicesAndAnotherWhole() {
        FakeGpus fake = FakeGpus.create(dir, FakeGpus.line(0, "GPU-aaaa", "NVIDIA A100-SXM4-40GB", 0, 0), FakeGpus.line(1, "GPU-bbbb", "NVIDIA L4", 0, 0));
        fake.stateMig(LISTING);

        List<Gpu> gpus = new OshiResourceProbe(dir, GpuOverride.none(), fake.program().toString()).sample().gpus();

        assertThat(gpus).extracting(Gpu::uuid).containsExactly("MIG-1111", "MIG-2222", "GPU-bbbb");
        assertThat(gpus.get(0)).satisfies(mig -> {
            assertThat(mig.index()).as("its card's: the job needs /dev/nvidia0").isZero();
            assertThat(mig.model()).isEqualTo("NVIDIA A100-SXM4-40GB MIG 1g.5gb");
            assertThat(mig.memoryBytes()).isEqualTo(5L << 30);
            assertThat(mig.temperatureCelsius()).isEqualTo(35);
        });
        assertThat(gpus.get(1).memoryBytes()).isEqualTo(10L << 30);
        assertThat(gpus.get(2).model()).isEqualTo("NVIDIA L4");
    }

    @Test
    void withoutMigDevicesEveryCardIsWhole() {
        FakeGpus fake = FakeGpus.create(dir, FakeGpus.line(0, "GPU-aaaa", "NVIDIA A100-SXM4-40GB", 0, 0));

        assertThat(new OshiResourceProbe(dir, GpuOverride.none(), fake.program().toString()).sample().gpus()).extracting(Gpu::uuid)
                .containsExactly("GPU-aaaa");
    }
}
