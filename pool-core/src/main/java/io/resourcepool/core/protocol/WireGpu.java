package io.resourcepool.core.protocol;

import io.resourcepool.api.NodeResources;

/**
 * One GPU on the wire, as a worker reports it.
 *
 * @param index its index on the worker's machine
 * @param uuid its identifier, empty when unknown
 * @param vendor for example {@code NVIDIA}
 * @param model for example {@code NVIDIA A100-SXM4-40GB}
 * @param memoryTotalBytes its memory
 * @param memoryUsedBytes of that, in use
 * @param utilization busy fraction, 0 to 1
 * @param temperatureCelsius its temperature, 0 when unknown
 * @param heldBy the job holding it on the worker, empty when free
 */
public record WireGpu(int index, String uuid, String vendor, String model, long memoryTotalBytes, long memoryUsedBytes,
        double utilization, int temperatureCelsius, String heldBy) {
    /** Checks the sizes; {@link #toGpu()} checks the meaning. */
    public WireGpu {
        WireLimits.text(uuid, "gpu uuid", WireLimits.SHORT_TEXT_CHARS);
        WireLimits.text(vendor, "gpu vendor", WireLimits.SHORT_TEXT_CHARS);
        WireLimits.text(model, "gpu model", WireLimits.SHORT_TEXT_CHARS);
        WireLimits.text(heldBy, "gpu heldBy", WireLimits.NAME_CHARS);
    }

    static WireGpu from(NodeResources.Gpu g) {
        return new WireGpu(g.index(), g.uuid(), g.vendor(), g.model(), g.memoryBytes(), g.memoryUsedBytes(), g.utilization(),
                g.temperatureCelsius(), g.heldBy());
    }

    NodeResources.Gpu toGpu() {
        return new NodeResources.Gpu(index, uuid, vendor, model, memoryTotalBytes, memoryUsedBytes, utilization, temperatureCelsius, heldBy);
    }
}
