package io.resourcepool.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.NodeResources.Gpu;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GpuOverrideTest {
    private static final List<Gpu> FOUND = List.of(new Gpu("NVIDIA Corporation", "GA100 [A100 SXM4 40GB]", 40L << 30));

    @Test
    void nothingStatedKeepsWhatWasFound() {
        assertThat(GpuOverride.none().applyTo(FOUND)).isEqualTo(FOUND);
    }

    @Test
    void statedCountWinsAndKeepsTheFoundVendorAndModel() {
        List<Gpu> stated = GpuOverride.of(4, Optional.empty()).applyTo(FOUND);

        assertThat(stated).first().isEqualTo(FOUND.get(0));
        assertThat(stated).extracting(Gpu::index).containsExactly(0, 1, 2, 3);
        assertThat(stated).extracting(Gpu::model).containsOnly(FOUND.get(0).model());
    }

    @Test
    void statedModelRenamesWhatWasFound() {
        assertThat(GpuOverride.model("a100").applyTo(FOUND)).containsExactly(new Gpu("NVIDIA Corporation", "a100", 40L << 30));
    }

    @Test
    void statedCountBelowWhatWasFoundKeepsTheFirstFound() {
        List<Gpu> found = List.of(new Gpu(0, "GPU-a", "NVIDIA", "L4", 1, 0, 0.0, 30), new Gpu(1, "GPU-b", "NVIDIA", "L4", 1, 0, 0.0, 30));

        assertThat(GpuOverride.of(1, Optional.empty()).applyTo(found)).extracting(Gpu::uuid).containsExactly("GPU-a");
    }

    @Test
    void statedCountWithNothingFoundSaysWhatIsUnknown() {
        assertThat(GpuOverride.of(1, Optional.of("mi300x")).applyTo(List.of()))
                .containsExactly(new Gpu(GpuOverride.UNSPECIFIED, "mi300x", 0));
    }
}
