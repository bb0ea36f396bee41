package io.resourcepool.api;

/**
 * What a job asks to have to itself while it runs.
 *
 * @param cpus logical processors, 0 for no claim
 * @param memoryBytes memory, 0 for no claim
 * @param gpus whole GPUs given to the job alone, 0 for none; the worker names the devices it gives
 * @param gpuModel text the model of each of those GPUs must contain (case ignored), for example {@code a100}; empty
 *     for any model. Only meaningful with {@code gpus} above 0
 */
public record ResourceRequest(int cpus, long memoryBytes, int gpus, String gpuModel) {
    /** No claim at all. */
    public static final ResourceRequest NONE = new ResourceRequest(0, 0);

    /** At most this many GPUs in one request. */
    public static final int MAX_GPUS = 256;

    /** Checks the figures. */
    public ResourceRequest {
        Checks.nonNegative(cpus, "cpus");
        Checks.nonNegative(memoryBytes, "memoryBytes");
        Checks.nonNegative(gpus, "gpus");
        if (gpus > MAX_GPUS) {
            throw new IllegalArgumentException("gpus must be at most " + MAX_GPUS + ", was " + gpus);
        }
        Checks.text(gpuModel, "gpuModel", 200);
        if (!gpuModel.isEmpty() && gpus == 0) {
            throw new IllegalArgumentException("gpuModel '" + gpuModel + "' is given without gpus: ask for at least one GPU");
        }
    }

    /**
     * A claim of processors and memory, no GPU.
     *
     * @param cpus logical processors, 0 for no claim
     * @param memoryBytes memory, 0 for no claim
     */
    public ResourceRequest(int cpus, long memoryBytes) {
        this(cpus, memoryBytes, 0, "");
    }

    /**
     * This claim, with GPUs of any model.
     *
     * @param count how many GPUs
     * @return the claim
     */
    public ResourceRequest withGpus(int count) {
        return new ResourceRequest(cpus, memoryBytes, count, count == 0 ? "" : gpuModel);
    }

    /**
     * This claim, with GPUs of a model.
     *
     * @param count how many GPUs
     * @param model text each GPU's model must contain, empty for any
     * @return the claim
     */
    public ResourceRequest withGpus(int count, String model) {
        return new ResourceRequest(cpus, memoryBytes, count, model);
    }

    /**
     * Says whether a GPU is of the model asked for.
     *
     * @param gpu the GPU
     * @return true when any model will do or its model contains the one asked for, case ignored
     */
    public boolean acceptsModel(NodeResources.Gpu gpu) {
        return gpuModel.isEmpty() || gpu.model().toLowerCase(java.util.Locale.ROOT).contains(gpuModel.toLowerCase(java.util.Locale.ROOT));
    }
}
