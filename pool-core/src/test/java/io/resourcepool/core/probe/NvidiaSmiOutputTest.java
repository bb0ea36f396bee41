package io.resourcepool.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.NodeResources.Gpu;
import org.junit.jupiter.api.Test;

class NvidiaSmiOutputTest {
    @Test
    void readsEveryFieldOfEachGpu() {
        String output = """
                0, GPU-2f0c7e5a-1111-2222-3333-444455556666, NVIDIA A100-SXM4-40GB, 40960, 1024, 37, 41
                1, GPU-9b1d0c2e-aaaa-bbbb-cccc-ddddeeeeffff, NVIDIA A100-SXM4-40GB, 40960, 0, 0, 30
                """;

        assertThat(NvidiaSmiOutput.parse(output)).containsExactly(
                new Gpu(0, "GPU-2f0c7e5a-1111-2222-3333-444455556666", "NVIDIA", "NVIDIA A100-SXM4-40GB", 40960L << 20, 1024L << 20, 0.37, 41),
                new Gpu(1, "GPU-9b1d0c2e-aaaa-bbbb-cccc-ddddeeeeffff", "NVIDIA", "NVIDIA A100-SXM4-40GB", 40960L << 20, 0, 0.0, 30));
    }

    @Test
    void figuresTheCardDoesNotGiveReadAsZero() {
        Gpu gpu = NvidiaSmiOutput.parse("3, GPU-x, Tesla K80, 11441, [N/A], [Not Supported], [N/A]\r\n").get(0);

        assertThat(gpu.index()).isEqualTo(3);
        assertThat(gpu.memoryBytes()).isEqualTo(11441L << 20);
        assertThat(gpu.memoryUsedBytes()).isZero();
        assertThat(gpu.utilization()).isZero();
        assertThat(gpu.temperatureCelsius()).isZero();
    }

    @Test
    void linesThatAreNotGpusAreSkipped() {
        String output = """
                NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.
                x, GPU-y, NVIDIA L4, 1, 0, 0, 0
                , GPU-z, NVIDIA L4, 1, 0, 0, 0
                2, GPU-ok, NVIDIA L4, 23034, 0, 0, 29
                """;

        assertThat(NvidiaSmiOutput.parse(output)).extracting(Gpu::uuid).containsExactly("GPU-ok");
    }

    @Test
    void noOutputIsNoGpu() {
        assertThat(NvidiaSmiOutput.parse("")).isEmpty();
    }
}
