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
import oshi.hardware.GraphicsCard;
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
 *   <li>GPUs: the graphics cards {@link ComputeAccelerators} counts as compute accelerators, then the
 *       operator's {@link GpuOverride}. Cards are read once: they do not change while the worker runs.</li>
 * </ul>
 *
 * <p>OSHI's objects are costly to make (a quarter of a second), so they are made on the first sample, never
 * in the constructor. Thread-safe: samples are taken one at a time.
 */
public final class OshiResourceProbe implements ResourceProbe {
    private final StorageMeter storage;
    private final GpuOverride gpuOverride;
    private final CpuLoadMeter load = new CpuLoadMeter();
    private HardwareAbstractionLayer hardware;
    private List<Gpu> accelerators;

    /**
     * Makes the probe. Does no I/O.
     *
     * @param workDirectory the directory whose file system is reported as storage
     * @param gpuOverride what the operator states about GPUs
     */
    public OshiResourceProbe(Path workDirectory, GpuOverride gpuOverride) {
        this.storage = new StorageMeter(Objects.requireNonNull(workDirectory, "workDirectory must be given"));
        this.gpuOverride = Objects.requireNonNull(gpuOverride, "gpuOverride must be given");
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
                gpuOverride.applyTo(accelerators()));
    }

    private HardwareAbstractionLayer hardware() {
        if (hardware == null) {
            hardware = new SystemInfo().getHardware();
        }
        return hardware;
    }

    private List<Gpu> accelerators() {
        if (accelerators == null) {
            accelerators = hardware().getGraphicsCards().stream()
                    .filter(card -> ComputeAccelerators.isComputeAccelerator(text(card.getVendor()), text(card.getName())))
                    .map(OshiResourceProbe::gpu)
                    .toList();
        }
        return accelerators;
    }

    private static Gpu gpu(GraphicsCard card) {
        return new Gpu(limited(text(card.getVendor())), limited(text(card.getName())), Math.max(0, card.getVRam()));
    }

    private static String text(String reported) {
        return reported == null ? "" : reported.strip();
    }

    private static String limited(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200);
    }

    @Override
    public String toString() {
        return "OshiResourceProbe[" + gpuOverride + "]";
    }
}
