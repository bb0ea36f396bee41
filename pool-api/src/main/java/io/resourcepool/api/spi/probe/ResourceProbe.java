package io.resourcepool.api.spi.probe;

import io.resourcepool.api.NodeResources;

/**
 * Measures the machine a worker runs on. Implementations must count compute accelerators only (not display
 * adapters) and may be called from any thread, every heartbeat.
 */
public interface ResourceProbe {
    /**
     * Takes a measurement now.
     *
     * @return what the machine has and how busy it is
     */
    NodeResources sample();
}
