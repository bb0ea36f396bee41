package io.resourcepool.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resourcepool.api.NodeResources.Gpu;
import io.resourcepool.testkit.gpu.FakeGpus;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NVIDIA's GPUs through NVML, and through {@code nvidia-smi} where NVML cannot serve. No GPU is needed: the library
 * is a stand-in built from C ({@code fake-nvml.c}) with the machine's C compiler, and {@code nvidia-smi} a
 * {@link FakeGpus} script listing other cards, so which path answered shows in the GPUs found. The tests that build
 * the library are skipped without a C compiler ({@code cc} on the {@code PATH}: install one to run them).
 */
class NvmlTest {
    @TempDir
    Path dir;

    @Test
    void nvmlIsReadFirstWhereTheLibraryIsThere() throws Exception {
        NvidiaGpus gpus = new NvidiaGpus(fakeLibrary("plain").toString(), smi());

        List<Gpu> read = gpus.gpus();

        assertThat(gpus.path()).startsWith("NVML (");
        assertThat(read).extracting(Gpu::uuid).containsExactly("GPU-nvml-0000", "GPU-nvml-1111");
        assertThat(read.get(0)).isEqualTo(new Gpu(0, "GPU-nvml-0000", "NVIDIA", "NVIDIA A100-SXM4-40GB", 40960L << 20, 1024L << 20, 0.42, 55));
        assertThat(read.get(1)).as("a figure the card does not give reads as 0")
                .isEqualTo(new Gpu(1, "GPU-nvml-1111", "NVIDIA", "NVIDIA L4", 23034L << 20, 0, 0.0, 40));
    }

    @Test
    void aCardInMigModeLeavesTheSampleToNvidiaSmi() throws Exception {
        NvidiaGpus gpus = new NvidiaGpus(fakeLibrary("mig", "-DMIG").toString(), smi());

        assertThat(gpus.gpus()).extracting(Gpu::uuid).containsExactly("GPU-smi-0");
        assertThat(gpus.path()).startsWith("NVML (");
    }

    @Test
    void aLibraryThatWillNotStartLeavesEverySampleToNvidiaSmi() throws Exception {
        NvidiaGpus gpus = new NvidiaGpus(fakeLibrary("failing", "-DINIT_FAILS").toString(), smi());

        assertThat(gpus.gpus()).extracting(Gpu::uuid).containsExactly("GPU-smi-0");
        assertThat(gpus.path()).startsWith("nvidia-smi (NVML").contains("would not start (nvmlInit_v2 returned 9)");
    }

    @Test
    void withoutTheLibraryGpusAreReadThroughNvidiaSmi() {
        NvidiaGpus gpus = new NvidiaGpus(dir.resolve("absent/libnvidia-ml.so.1").toString(), smi());

        assertThat(gpus.path()).as("nothing is looked for before the first sample").isEmpty();
        assertThat(gpus.gpus()).extracting(Gpu::uuid).containsExactly("GPU-smi-0");
        assertThat(gpus.path()).startsWith("nvidia-smi (no NVML library");
    }

    @Test
    void theProbeReadsThroughNvidiaSmiOnlyWhenToldNone() {
        FakeGpus fake = FakeGpus.create(dir.resolve("smi-only"), FakeGpus.line(0, "GPU-smi-0", "NVIDIA L4", 0, 0));

        assertThat(new OshiResourceProbe(dir, GpuOverride.none(), fake.program().toString(), dir.resolve("no-drm"), OshiResourceProbe.NO_NVML)
                .sample().gpus()).extracting(Gpu::uuid).containsExactly("GPU-smi-0");
    }

    private NvidiaSmi smi() {
        return new NvidiaSmi(FakeGpus.create(dir.resolve("smi"), FakeGpus.line(0, "GPU-smi-0", "NVIDIA L4", 0, 0)).program().toString());
    }

    /** Builds the stand-in library with the C compiler, with these definitions. */
    private Path fakeLibrary(String name, String... definitions) throws Exception {
        Path source = dir.resolve("fake-nvml.c");
        if (!Files.exists(source)) {
            try (InputStream in = NvmlTest.class.getResourceAsStream("fake-nvml.c")) {
                Files.copy(in, source);
            }
        }
        Path library = dir.resolve("lib" + name + "-nvml.so");
        List<String> command = new ArrayList<>(List.of("cc", "-shared", "-fPIC", "-o", library.toString()));
        command.addAll(List.of(definitions));
        command.add(source.toString());
        Process cc;
        try {
            cc = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "no C compiler (cc) to build the stand-in NVML library: " + e.getMessage());
            throw e;
        }
        String output = new String(cc.getInputStream().readAllBytes());
        assertThat(cc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(cc.exitValue()).as(output).isZero();
        return library;
    }
}
