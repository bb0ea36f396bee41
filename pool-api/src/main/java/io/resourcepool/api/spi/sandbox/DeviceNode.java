package io.resourcepool.api.spi.sandbox;

import java.util.Objects;

/**
 * A device node of the host that one command is given, such as the GPU the worker assigned it. A sandbox with a
 * {@code /dev} of its own makes this node, and no other of the host's, appear there; one that shares the host's
 * {@code /dev} cannot hide the others, and its isolation says so.
 *
 * @param hostPath the node on the host, for example {@code /dev/nvidia0}
 * @param containerPath where the command sees it, an absolute path under {@code /dev}
 */
public record DeviceNode(java.nio.file.Path hostPath, java.nio.file.Path containerPath) {
    /** Checks the paths. */
    public DeviceNode {
        Objects.requireNonNull(hostPath, "hostPath must be given");
        Objects.requireNonNull(containerPath, "containerPath must be given");
        if (!hostPath.isAbsolute() || !containerPath.isAbsolute()) {
            throw new IllegalArgumentException("device paths must be absolute: " + hostPath + " -> " + containerPath);
        }
        if (!containerPath.normalize().startsWith("/dev/") || !containerPath.normalize().equals(containerPath)) {
            throw new IllegalArgumentException("a device must appear under /dev, not at " + containerPath);
        }
    }
}
