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

    /**
     * A name or figure cut to the 200 characters a {@link Gpu} field holds.
     *
     * @param text what a source read
     * @return the text, at most 200 characters
     */
    static String limited(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200);
    }
}
