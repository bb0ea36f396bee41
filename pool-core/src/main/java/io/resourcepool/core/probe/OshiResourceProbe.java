package io.resourcepool.core.probe;

import io.resourcepool.api.NodeResources;
import io.resourcepool.api.NodeResources.Gpu;
import io.resourcepool.api.spi.probe.ResourceProbe;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HardwareAbstractionLayer;

/**
 * The {@code oshi} probe: measures this machine through OSHI.
 *
 * <ul>
 *   <li>logical processors: the machine's, or fewer when the JVM may use fewer (container quota, affinity), as
 *       {@link Runtime#availableProcessors()} says;</li>
 *   <li>CPU load: the fraction of all processors busy since the previous sample; the first sample uses the
 *       one-minute load average per processor, clamped to [0, 1];</li>
 *   <li>memory: physical total and available;</li>
 *   <li>storage: the file system holding the work directory (its nearest existing parent until it is made);</li>
 *   <li>GPUs: compute GPUs only, as their vendor's tool or driver reports them at every sample (NVML where
 *       the library is there, else {@code nvidia-smi}, see {@link NvidiaGpus} and {@link NvidiaSmiOutput}; the amdgpu driver's sysfs files, see {@link AmdgpuSysfs}), so a GPU that disappears is no longer offered; then the operator's
 *       {@link GpuOverride}. OSHI's graphics cards are not used: on Linux they come from {@code lspci}, list display
 *       adapters too, and give a PCI window's size for memory.</li>
 * </ul>
 *
 * <p>OSHI's objects are costly to make (a quarter of a second), so they are made on the first sample, never
 * in the constructor. Thread-safe: samples are taken one at a time.
 */
public final class OshiResourceProbe implements ResourceProbe {
    /** The {@code nvidia-smi} run when none is configured: found on the worker's {@code PATH}. */
    public static final String DEFAULT_NVIDIA_SMI = "nvidia-smi";
    /** The NVML library tried before {@code nvidia-smi} when none is configured: {@code libnvidia-ml}, as JNA finds it. */
    public static final String DEFAULT_NVML = "nvidia-ml";
    /** The NVML setting that tries no library: GPUs are read through {@code nvidia-smi} only. */
    public static final String NO_NVML = "none";

    private final StorageMeter storage;
    private final GpuOverride gpuOverride;
    private final GpuSource gpuSource;
    private final CpuLoadMeter load = new CpuLoadMeter();
    private HardwareAbstractionLayer hardware;

    /**
     * Makes the probe. Does no I/O.
     *
     * @param workDirectory the directory whose file system is reported as storage
     * @param gpuOverride what the operator states about GPUs
     */
    public OshiResourceProbe(Path workDirectory, GpuOverride gpuOverride) {
        this(workDirectory, gpuOverride, DEFAULT_NVIDIA_SMI);
    }

    /**
     * Makes the probe. Does no I/O.
     *
     * @param workDirectory the directory whose file system is reported as storage
     * @param gpuOverride what the operator states about GPUs
     * @param nvidiaSmi the {@code nvidia-smi} program: a name looked up on the {@code PATH}, or a path
     */
    public OshiResourceProbe(Path workDirectory, GpuOverride gpuOverride, String nvidiaSmi) {
        this(workDirectory, gpuOverride, nvidiaSmi, AmdgpuSysfs.DEFAULT_ROOT);
    }

    /**
     * Makes the probe. Does no I/O.
     *
     * @param workDirectory the directory whose file system is reported as storage
     * @param gpuOverride what the operator states about GPUs
     * @param nvidiaSmi the {@code nvidia-smi} program: a name looked up on the {@code PATH}, or a path
     * @param drmClass the directory the kernel lists DRM devices in, where AMD GPUs are found ({@code /sys/class/drm})
     */
    public OshiResourceProbe(Path workDirectory, GpuOverride gpuOverride, String nvidiaSmi, Path drmClass) {
        this(workDirectory, gpuOverride, nvidiaSmi, drmClass, DEFAULT_NVML);
    }

    /**
     * Makes the probe. Does no I/O.
     *
     * @param workDirectory the directory whose file system is reported as storage
     * @param gpuOverride what the operator states about GPUs
     * @param nvidiaSmi the {@code nvidia-smi} program: a name looked up on the {@code PATH}, or a path
     * @param drmClass the directory the kernel lists DRM devices in, where AMD GPUs are found ({@code /sys/class/drm})
     * @param nvml the NVML library tried before {@code nvidia-smi} (a name JNA finds, or a path), or {@value #NO_NVML}
     */
    public OshiResourceProbe(Path workDirectory, GpuOverride gpuOverride, String nvidiaSmi, Path drmClass, String nvml) {
        this.storage = new StorageMeter(Objects.requireNonNull(workDirectory, "workDirectory must be given"));
        this.gpuOverride = Objects.requireNonNull(gpuOverride, "gpuOverride must be given");
        NvidiaSmi smi = new NvidiaSmi(Objects.requireNonNull(nvidiaSmi, "nvidiaSmi must be given"));
        this.gpuSource = new BothVendors(NO_NVML.equals(Objects.requireNonNull(nvml, "nvml must be given")) ? smi : new NvidiaGpus(nvml, smi),
                new AmdgpuSysfs(Objects.requireNonNull(drmClass, "drmClass must be given")));
    }

    /** NVIDIA's GPUs, then AMD's: their indexes are each vendor's own, so two GPUs may share one. */
    private record BothVendors(GpuSource nvidia, GpuSource amd) implements GpuSource {
        @Override
        public List<Gpu> gpus() {
            return java.util.stream.Stream.concat(nvidia.gpus().stream(), amd.gpus().stream()).toList();
        }

        @Override
        public String toString() {
            return nvidia + ", " + amd;
        }
    }

    @Override
    public synchronized NodeResources sample() {
        HardwareAbstractionLayer hal = hardware();
        CentralProcessor processor = hal.getProcessor();
        int cpus = Math.max(1, Math.min(processor.getLogicalProcessorCount(), Runtime.getRuntime().availableProcessors()));
        double cpuLoad = load.next(processor.getSystemCpuLoadTicks(), processor.getSystemLoadAverage(1)[0], cpus);
        GlobalMemory memory = hal.getMemory();
        long memoryTotal = Math.max(0, memory.getTotal());
        long memoryAvailable = Math.min(memoryTotal, Math.max(0, memory.getAvailable()));
        StorageMeter.Storage disk = storage.measure();
        return new NodeResources(cpus, cpuLoad, memoryTotal, memoryAvailable, disk.totalBytes(), disk.usableBytes(),
                gpuOverride.applyTo(gpuSource.gpus()));
    }

    private HardwareAbstractionLayer hardware() {
        if (hardware == null) {
            hardware = new SystemInfo().getHardware();
        }
        return hardware;
    }

    @Override
    public String toString() {
        return "OshiResourceProbe[" + gpuSource + ", " + gpuOverride + "]";
    }
}
