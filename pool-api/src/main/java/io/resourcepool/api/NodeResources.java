package io.resourcepool.api;

import java.util.List;

/**
 * What a worker has and how busy it is, as its resource probe last reported.
 *
 * @param logicalCpus logical processors
 * @param cpuLoad the fraction of all processors in use, from 0.0 (idle) to 1.0 (all busy)
 * @param memoryTotalBytes physical memory
 * @param memoryAvailableBytes memory available to new work
 * @param storageTotalBytes size of the file system holding the worker's work directory
 * @param storageAvailableBytes free space on that file system
 * @param gpus compute accelerators (display adapters are not counted)
 */
public record NodeResources(
        int logicalCpus,
        double cpuLoad,
        long memoryTotalBytes,
        long memoryAvailableBytes,
        long storageTotalBytes,
        long storageAvailableBytes,
        List<Gpu> gpus) {

    /** Nothing at all: a node that has not reported yet. */
    public static final NodeResources NONE = new NodeResources(0, 0.0, 0, 0, 0, 0, List.of());

    /** Checks the figures and copies the list. */
    public NodeResources {
        Checks.nonNegative(logicalCpus, "logicalCpus");
        if (!(cpuLoad >= 0.0 && cpuLoad <= 1.0)) {
            throw new IllegalArgumentException("cpuLoad must be between 0.0 and 1.0, was " + cpuLoad);
        }
        Checks.nonNegative(memoryTotalBytes, "memoryTotalBytes");
        Checks.nonNegative(memoryAvailableBytes, "memoryAvailableBytes");
        Checks.nonNegative(storageTotalBytes, "storageTotalBytes");
        Checks.nonNegative(storageAvailableBytes, "storageAvailableBytes");
        if (memoryAvailableBytes > memoryTotalBytes) {
            throw new IllegalArgumentException("memoryAvailableBytes (" + memoryAvailableBytes
                    + ") is more than memoryTotalBytes (" + memoryTotalBytes + ")");
        }
        if (storageAvailableBytes > storageTotalBytes) {
            throw new IllegalArgumentException("storageAvailableBytes (" + storageAvailableBytes
                    + ") is more than storageTotalBytes (" + storageTotalBytes + ")");
        }
        gpus = List.copyOf(Checks.present(gpus, "gpus"));
    }

    /**
     * One compute accelerator.
     *
     * @param vendor for example {@code NVIDIA}
     * @param model for example {@code A100-SXM4-40GB}
     * @param memoryBytes its own memory, 0 when unknown
     */
    public record Gpu(String vendor, String model, long memoryBytes) {
        /** Checks the fields. */
        public Gpu {
            Checks.text(vendor, "gpu vendor", 200);
            Checks.text(model, "gpu model", 200);
            Checks.nonNegative(memoryBytes, "gpu memoryBytes");
        }
    }
}
