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
        assertThat(GpuOverride.of(4, Optional.empty()).applyTo(FOUND)).hasSize(4).containsOnly(FOUND.get(0));
    }

    @Test
    void statedModelRenamesWhatWasFound() {
        assertThat(GpuOverride.model("a100").applyTo(FOUND)).containsExactly(new Gpu("NVIDIA Corporation", "a100", 40L << 30));
    }

    @Test
    void statedCountWithNothingFoundSaysWhatIsUnknown() {
        assertThat(GpuOverride.of(1, Optional.of("mi300x")).applyTo(List.of()))
                .containsExactly(new Gpu(GpuOverride.UNSPECIFIED, "mi300x", 0));
    }
}
