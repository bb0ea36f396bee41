package io.resourcepool.core.probe;

import io.resourcepool.api.NodeResources.Gpu;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NVIDIA's GPUs through NVML where the library is there ({@link Nvml}), through {@code nvidia-smi} where it is not
 * ({@link NvidiaSmi}), and through {@code nvidia-smi} for a sample NVML leaves to it (a card in MIG mode, a failed
 * call). The library is looked for at the first sample, not before (a probe does no I/O when made), and the path
 * taken is logged once at INFO ({@value #LOG_PREFIX} {@code NVML (…)} or {@code nvidia-smi (…)}), which
 * {@code scripts/gpu-check.sh} prints.
 */
final class NvidiaGpus implements GpuSource {
    static final String LOG_PREFIX = "NVIDIA GPUs are read through";
    private static final Logger LOG = LoggerFactory.getLogger(NvidiaGpus.class);

    private final String library;
    private final NvidiaSmi nvidiaSmi;
    private Nvml.Loaded nvml;

    /**
     * @param library the NVML library to try first: a name JNA looks up, or a path
     * @param nvidiaSmi the fallback
     */
    NvidiaGpus(String library, NvidiaSmi nvidiaSmi) {
        this.library = library;
        this.nvidiaSmi = nvidiaSmi;
    }

    @Override
    public synchronized List<Gpu> gpus() {
        if (nvml == null) {
            nvml = Nvml.open(library);
            LOG.info("{} {}", LOG_PREFIX, path());
        }
        Optional<List<Gpu>> read = nvml.nvml().flatMap(Nvml::sample);
        return read.orElseGet(nvidiaSmi::gpus);
    }

    /**
     * Which way GPUs are read, once the first sample is taken.
     *
     * @return {@code NVML (library)} or {@code nvidia-smi (why not NVML)}; empty before the first sample
     */
    synchronized String path() {
        if (nvml == null) {
            return "";
        }
        return nvml.nvml().isPresent() ? "NVML (" + library + ")" : "nvidia-smi (" + nvml.reason() + ")";
    }

    @Override
    public String toString() {
        return "nvml(" + library + ") or " + nvidiaSmi;
    }
}
