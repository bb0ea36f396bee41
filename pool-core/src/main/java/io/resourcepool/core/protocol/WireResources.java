package io.resourcepool.core.protocol;

import io.resourcepool.api.NodeResources;
import io.resourcepool.api.ProtocolException;
import java.util.List;

/**
 * A node's resources on the wire.
 *
 * @param logicalCpus logical processors
 * @param cpuLoad busy fraction, 0 to 1
 * @param memoryTotalBytes physical memory
 * @param memoryAvailableBytes available memory
 * @param storageTotalBytes work file system size
 * @param storageAvailableBytes free space there
 * @param gpus accelerator models ("vendor model"), one entry each, in the order of {@code gpuDevices}: the summary
 *     the first version of the protocol carried, kept so that the record only grows
 * @param gpuDevices the same GPUs in full: index, UUID, memory, use and temperature
 */
public record WireResources(
        int logicalCpus, double cpuLoad, long memoryTotalBytes, long memoryAvailableBytes,
        long storageTotalBytes, long storageAvailableBytes, List<String> gpus, List<WireGpu> gpuDevices) {

    /** Checks the fields. */
    public WireResources {
        gpus = WireLimits.list(gpus, "gpus");
        gpus.forEach(g -> WireLimits.text(g, "gpu", WireLimits.SHORT_TEXT_CHARS));
        gpuDevices = WireLimits.list(gpuDevices, "gpuDevices");
        if (gpuDevices.size() != gpus.size()) {
            throw new ProtocolException("gpuDevices has " + gpuDevices.size() + " entries and gpus " + gpus.size() + "; they list the same GPUs");
        }
    }

    /**
     * From the API's form.
     *
     * @param r the resources
     * @return the wire form
     */
    public static WireResources from(NodeResources r) {
        return new WireResources(r.logicalCpus(), r.cpuLoad(), r.memoryTotalBytes(), r.memoryAvailableBytes(),
                r.storageTotalBytes(), r.storageAvailableBytes(), r.gpus().stream().map(g -> g.vendor() + " " + g.model()).toList(),
                r.gpus().stream().map(WireGpu::from).toList());
    }

    /**
     * To the API's form.
     *
     * @return the resources
     * @throws ProtocolException when the figures are impossible
     */
    public NodeResources toResources() {
        try {
            return new NodeResources(logicalCpus, cpuLoad, memoryTotalBytes, memoryAvailableBytes, storageTotalBytes,
                    storageAvailableBytes, gpuDevices.stream().map(WireGpu::toGpu).toList());
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("bad resources: " + e.getMessage(), e);
        }
    }
}
