package io.resourcepool.core.probe;

import io.resourcepool.api.NodeResources.Gpu;
import java.util.List;

/** Somewhere a probe learns of compute GPUs: a vendor's tool or the kernel's files. */
@FunctionalInterface
interface GpuSource {
    /**
     * The GPUs present now. Never fails: a source that cannot tell reports none.
     *
     * @return the GPUs, each with the index its driver gives it
     */
    List<Gpu> gpus();
}
