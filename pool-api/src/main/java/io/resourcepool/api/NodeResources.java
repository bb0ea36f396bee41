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
     * One compute accelerator, as the worker's probe last saw it.
     *
     * @param index the device's index on its machine, as its driver numbers it ({@code nvidia-smi}'s index, which
     *     is also the {@code N} of {@code /dev/nvidiaN}); stated GPUs are numbered from 0
     * @param uuid the device's own identifier ({@code GPU-…}), empty when unknown
     * @param vendor for example {@code NVIDIA}
     * @param model for example {@code A100-SXM4-40GB}
     * @param memoryBytes its own memory, 0 when unknown
     * @param memoryUsedBytes of that memory, how much is in use (by anything on the machine), 0 when unknown
     * @param utilization the fraction of the last sample period the device was busy, 0.0 to 1.0 (0 when unknown)
     * @param temperatureCelsius its temperature, 0 when unknown
     * @param heldBy the job that holds it on its worker now, empty when it is free (a probe never knows: the worker
     *     says so in its reports)
     */
    public record Gpu(int index, String uuid, String vendor, String model, long memoryBytes, long memoryUsedBytes, double utilization,
            int temperatureCelsius, String heldBy) {
        /** Checks the fields. */
        public Gpu {
            Checks.nonNegative(index, "gpu index");
            Checks.text(uuid, "gpu uuid", 200);
            Checks.text(vendor, "gpu vendor", 200);
            Checks.text(model, "gpu model", 200);
            Checks.nonNegative(memoryBytes, "gpu memoryBytes");
            Checks.nonNegative(memoryUsedBytes, "gpu memoryUsedBytes");
            if (!(utilization >= 0.0 && utilization <= 1.0)) {
                throw new IllegalArgumentException("gpu utilization must be between 0.0 and 1.0, was " + utilization);
            }
            Checks.text(heldBy, "gpu heldBy", 200);
        }

        /**
         * A free GPU, as a probe sees it.
         *
         * @param index the device's index on its machine
         * @param uuid the device's own identifier, empty when unknown
         * @param vendor for example {@code NVIDIA}
         * @param model for example {@code A100-SXM4-40GB}
         * @param memoryBytes its own memory, 0 when unknown
         * @param memoryUsedBytes of that memory, how much is in use, 0 when unknown
         * @param utilization the busy fraction, 0.0 to 1.0
         * @param temperatureCelsius its temperature, 0 when unknown
         */
        public Gpu(int index, String uuid, String vendor, String model, long memoryBytes, long memoryUsedBytes, double utilization,
                int temperatureCelsius) {
            this(index, uuid, vendor, model, memoryBytes, memoryUsedBytes, utilization, temperatureCelsius, "");
        }

        /**
         * A GPU known only by its vendor, model and memory: index 0, no UUID, no figures of use.
         *
         * @param vendor for example {@code NVIDIA}
         * @param model for example {@code A100-SXM4-40GB}
         * @param memoryBytes its own memory, 0 when unknown
         */
        public Gpu(String vendor, String model, long memoryBytes) {
            this(0, "", vendor, model, memoryBytes, 0, 0.0, 0);
        }

        /**
         * This GPU under another index.
         *
         * @param newIndex the index
         * @return the GPU
         */
        public Gpu withIndex(int newIndex) {
            return new Gpu(newIndex, uuid, vendor, model, memoryBytes, memoryUsedBytes, utilization, temperatureCelsius, heldBy);
        }

        /**
         * This GPU held by a job, or free.
         *
         * @param job the job's id, empty for free
         * @return the GPU
         */
        public Gpu withHolder(String job) {
            return new Gpu(index, uuid, vendor, model, memoryBytes, memoryUsedBytes, utilization, temperatureCelsius, job);
        }

        /**
         * Whether a job holds it.
         *
         * @return true when held
         */
        public boolean busy() {
            return !heldBy.isEmpty();
        }
    }
}
