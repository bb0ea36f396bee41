package io.resourcepool.core.client;

import java.util.Objects;

/**
 * What one user's jobs have used.
 *
 * @param username the user
 * @param gpuSeconds the GPU time of every attempt of their jobs the hub still keeps (GPUs claimed times seconds run),
 *     an attempt that is still running counted once it has ended
 */
public record UserUsage(String username, double gpuSeconds) {
    /** Checks the fields. */
    public UserUsage {
        Objects.requireNonNull(username, "username must be given");
        if (!(gpuSeconds >= 0)) {
            throw new IllegalArgumentException("gpuSeconds must not be negative, was " + gpuSeconds);
        }
    }
}
