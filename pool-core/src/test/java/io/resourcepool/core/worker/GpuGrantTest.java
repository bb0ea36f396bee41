package io.resourcepool.core.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.NodeResources.Gpu;
import io.resourcepool.api.spi.sandbox.DeviceNode;
import io.resourcepool.testkit.gpu.FakeGpus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuGrantTest {
    private static final Set<GpuGrant.Family> CUDA = Set.of(GpuGrant.Family.CUDA);
    @TempDir
    Path dir;

    @Test
    void aJobSeesItsGpusByUuidAndOnlyTheirDeviceNodes() {
        FakeGpus fake = FakeGpus.create(dir, FakeGpus.line(0, "GPU-a", "NVIDIA L4", 0, 0), FakeGpus.line(1, "GPU-b", "NVIDIA L4", 0, 0),
                FakeGpus.line(2, "GPU-c", "NVIDIA L4", 0, 0));
        List<Gpu> given = List.of(gpu(0, "GPU-a"), gpu(2, "GPU-c"));

        GpuGrant grant = GpuGrant.of(given, CUDA, fake.deviceRoot());

        assertThat(grant.environment()).containsEntry("CUDA_VISIBLE_DEVICES", "GPU-a,GPU-c").containsEntry("NVIDIA_VISIBLE_DEVICES", "GPU-a,GPU-c");
        assertThat(grant.devices()).extracting(DeviceNode::containerPath).containsExactly(Path.of("/dev/nvidia0"), Path.of("/dev/nvidia2"),
                Path.of("/dev/nvidiactl"), Path.of("/dev/nvidia-uvm"));
        assertThat(grant.devices()).extracting(DeviceNode::hostPath).allSatisfy(host -> assertThat(host).startsWith(fake.deviceRoot()));
    }

    @Test
    void aJobGivenMigDevicesSeesThemByUuidWithTheirCardAndTheCapabilityNodes() {
        FakeGpus fake = FakeGpus.create(dir, FakeGpus.line(0, "GPU-a", "NVIDIA A100-SXM4-40GB", 0, 0));
        fake.stateMig("GPU 0: NVIDIA A100-SXM4-40GB (UUID: GPU-a)", "  MIG 1g.5gb  Device  0: (UUID: MIG-1)", "  MIG 1g.5gb  Device  1: (UUID: MIG-2)");

        GpuGrant grant = GpuGrant.of(List.of(gpu(0, "MIG-1"), gpu(0, "MIG-2")), CUDA, fake.deviceRoot());

        assertThat(grant.environment()).containsEntry("CUDA_VISIBLE_DEVICES", "MIG-1,MIG-2");
        assertThat(grant.devices()).extracting(DeviceNode::containerPath).containsExactly(Path.of("/dev/nvidia0"), Path.of("/dev/nvidiactl"),
                Path.of("/dev/nvidia-uvm"), Path.of("/dev/nvidia-caps/nvidia-cap1"), Path.of("/dev/nvidia-caps/nvidia-cap2"));
    }

    @Test
    void gpusWithoutUuidAreNamedByIndex() {
        assertThat(GpuGrant.of(List.of(gpu(3, "")), CUDA, dir).environment()).containsEntry("CUDA_VISIBLE_DEVICES", "3");
    }

    @Test
    void aJobGivenNoGpuOnAGpuMachineSeesNone() {
        GpuGrant grant = GpuGrant.of(List.of(), CUDA, dir);

        assertThat(grant.environmentOver(Map.of("CUDA_VISIBLE_DEVICES", "0", "A", "b")))
                .isEqualTo(Map.of("CUDA_VISIBLE_DEVICES", "", "NVIDIA_VISIBLE_DEVICES", "void", "A", "b"));
        assertThat(grant.devices()).isEmpty();
    }

    @Test
    void aMachineWithoutGpusLeavesTheEnvironmentAlone() {
        assertThat(GpuGrant.of(List.of(), Set.of(), dir).environmentOver(Map.of("CUDA_VISIBLE_DEVICES", "0")))
                .isEqualTo(Map.of("CUDA_VISIBLE_DEVICES", "0"));
    }

    @Test
    void anAmdJobSeesItsGpusThroughRocmAndOnlyTheirRenderNodes() {
        FakeGpus fake = FakeGpus.create(dir);
        fake.stateAmd(new FakeGpus.Amd(0, "a", "", 0, 0), new FakeGpus.Amd(1, "b", "", 0, 0), new FakeGpus.Amd(2, "c", "", 0, 0));

        GpuGrant grant = GpuGrant.of(List.of(amd(1, "GPU-b"), amd(2, "GPU-c")), Set.of(GpuGrant.Family.ROCM), fake.deviceRoot());

        assertThat(grant.environment()).isEqualTo(Map.of("ROCR_VISIBLE_DEVICES", "GPU-b,GPU-c", "HIP_VISIBLE_DEVICES", "0,1"));
        assertThat(grant.devices()).extracting(DeviceNode::containerPath).containsExactly(Path.of("/dev/kfd"), Path.of("/dev/dri/renderD129"),
                Path.of("/dev/dri/renderD130"));
        assertThat(grant.devices()).extracting(DeviceNode::hostPath).allSatisfy(host -> assertThat(host).startsWith(fake.deviceRoot()));
    }

    @Test
    void amdGpusKnownByTheirPciAddressAreNamedByIndex() {
        assertThat(GpuGrant.of(List.of(amd(3, "0000:13:00.0")), Set.of(GpuGrant.Family.ROCM), dir).environment())
                .containsEntry("ROCR_VISIBLE_DEVICES", "3");
    }

    @Test
    void onAMachineOfBothVendorsAJobSeesNoneOfTheFamilyItWasNotGiven() {
        Set<GpuGrant.Family> both = Set.of(GpuGrant.Family.CUDA, GpuGrant.Family.ROCM);

        assertThat(GpuGrant.of(List.of(gpu(0, "GPU-a")), both, dir).environment()).containsEntry("CUDA_VISIBLE_DEVICES", "GPU-a")
                .containsEntry("ROCR_VISIBLE_DEVICES", "-1").containsEntry("HIP_VISIBLE_DEVICES", "-1");
        assertThat(GpuGrant.of(List.of(amd(0, "GPU-x")), both, dir).environment()).containsEntry("ROCR_VISIBLE_DEVICES", "GPU-x")
                .containsEntry("CUDA_VISIBLE_DEVICES", "").containsEntry("NVIDIA_VISIBLE_DEVICES", "void");
    }

    private static Gpu amd(int index, String uuid) {
        return new Gpu(index, uuid, "AMD", "AMD Instinct MI210", 1, 0, 0.0, 0);
    }

    private static Gpu gpu(int index, String uuid) {
        return new Gpu(index, uuid, "NVIDIA", "NVIDIA L4", 1, 0, 0.0, 0);
    }
}
