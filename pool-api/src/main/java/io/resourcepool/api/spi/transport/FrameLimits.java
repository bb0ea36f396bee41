package io.resourcepool.api.spi.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a transport accepts from a peer.
 *
 * @param maxFrameBytes the largest payload accepted; a larger claimed length closes the connection before
 *     anything is allocated for it
 * @param frameDeadline how long a frame may take to arrive whole, from its first byte
 */
public record FrameLimits(int maxFrameBytes, Duration frameDeadline) {
    /** 1 MiB frames, 10 seconds to arrive. */
    public static final FrameLimits DEFAULT = new FrameLimits(1 << 20, Duration.ofSeconds(10));

    /** Checks the figures. */
    public FrameLimits {
        if (maxFrameBytes < 1024) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 1024, was " + maxFrameBytes);
        }
        Objects.requireNonNull(frameDeadline, "frameDeadline must be given");
        if (frameDeadline.isNegative() || frameDeadline.isZero()) {
            throw new IllegalArgumentException("frameDeadline must be positive, was " + frameDeadline);
        }
    }
}
