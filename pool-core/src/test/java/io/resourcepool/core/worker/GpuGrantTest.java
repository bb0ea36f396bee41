package io.resourcepool.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.NodeResources.Gpu;
import io.resourcepool.api.spi.sandbox.DeviceNode;
import io.resourcepool.testkit.gpu.FakeGpus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuGrantTest {
    @TempDir
    Path dir;

    @Test
    void aJobSeesItsGpusByUuidAndOnlyTheirDeviceNodes() {
        FakeGpus fake = FakeGpus.create(dir, FakeGpus.line(0, "GPU-a", "NVIDIA L4", 0, 0), FakeGpus.line(1, "GPU-b", "NVIDIA L4", 0, 0),
                FakeGpus.line(2, "GPU-c", "NVIDIA L4", 0, 0));
        List<Gpu> given = List.of(gpu(0, "GPU-a"), gpu(2, "GPU-c"));

        GpuGrant grant = GpuGrant.of(given, true, fake.deviceRoot());

        assertThat(grant.environment()).containsEntry("CUDA_VISIBLE_DEVICES", "GPU-a,GPU-c").containsEntry("NVIDIA_VISIBLE_DEVICES", "GPU-a,GPU-c");
        assertThat(grant.devices()).extracting(DeviceNode::containerPath).containsExactly(Path.of("/dev/nvidia0"), Path.of("/dev/nvidia2"),
                Path.of("/dev/nvidiactl"), Path.of("/dev/nvidia-uvm"));
        assertThat(grant.devices()).extracting(DeviceNode::hostPath).allSatisfy(host -> assertThat(host).startsWith(fake.deviceRoot()));
    }

    @Test
    void gpusWithoutUuidAreNamedByIndex() {
        assertThat(GpuGrant.of(List.of(gpu(3, "")), true, dir).environment()).containsEntry("CUDA_VISIBLE_DEVICES", "3");
    }

    @Test
    void aJobGivenNoGpuOnAGpuMachineSeesNone() {
        GpuGrant grant = GpuGrant.of(List.of(), true, dir);

        assertThat(grant.environmentOver(Map.of("CUDA_VISIBLE_DEVICES", "0", "A", "b")))
                .isEqualTo(Map.of("CUDA_VISIBLE_DEVICES", "", "NVIDIA_VISIBLE_DEVICES", "void", "A", "b"));
        assertThat(grant.devices()).isEmpty();
    }

    @Test
    void aMachineWithoutGpusLeavesTheEnvironmentAlone() {
        assertThat(GpuGrant.of(List.of(), false, dir).environmentOver(Map.of("CUDA_VISIBLE_DEVICES", "0")))
                .isEqualTo(Map.of("CUDA_VISIBLE_DEVICES", "0"));
    }

    private static Gpu gpu(int index, String uuid) {
        return new Gpu(index, uuid, "NVIDIA", "NVIDIA L4", 1, 0, 0.0, 0);
    }
}
