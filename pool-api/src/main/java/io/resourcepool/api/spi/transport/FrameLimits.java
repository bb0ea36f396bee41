package io.resourcepool.api.spi.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a transport accepts from a peer, and how long it waits on one.
 *
 * @param maxFrameBytes the largest payload accepted; a larger claimed length closes the connection before
 *     anything is allocated for it
 * @param frameDeadline how long a frame may take to arrive whole, from its first byte
 * @param writeDeadline how long one frame may take to be written: a peer that stops reading fills its socket's
 *     buffers and then blocks the writer, so a write still under way after this closes the connection, and the
 *     blocked sender fails at once instead of waiting for ever
 */
public record FrameLimits(int maxFrameBytes, Duration frameDeadline, Duration writeDeadline) {
    /** Thirty seconds: far beyond any write to a reading peer, short enough that a stopped one is let go. */
    public static final Duration DEFAULT_WRITE_DEADLINE = Duration.ofSeconds(30);

    /** 1 MiB frames, 10 seconds to arrive, 30 seconds to be written. */
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
        Objects.requireNonNull(writeDeadline, "writeDeadline must be given");
        if (writeDeadline.isNegative() || writeDeadline.isZero()) {
            throw new IllegalArgumentException("writeDeadline must be positive, was " + writeDeadline);
        }
    }

    /**
     * Limits with the default write deadline, {@link #DEFAULT_WRITE_DEADLINE}.
     *
     * @param maxFrameBytes the largest payload accepted
     * @param frameDeadline how long a frame may take to arrive whole
     */
    public FrameLimits(int maxFrameBytes, Duration frameDeadline) {
        this(maxFrameBytes, frameDeadline, DEFAULT_WRITE_DEADLINE);
    }

    /**
     * These limits with another write deadline.
     *
     * @param deadline how long one frame may take to be written before the connection is closed
     * @return the new limits
     */
    public FrameLimits withWriteDeadline(Duration deadline) {
        return new FrameLimits(maxFrameBytes, frameDeadline, deadline);
    }
}
