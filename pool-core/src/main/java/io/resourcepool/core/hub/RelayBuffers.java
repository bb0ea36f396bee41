package io.resourcepool.core.hub;

import io.resourcepool.core.protocol.MessageChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The output this hub holds for followers that read more slowly than their jobs write: each follower has a budget
 * of its own, and the sums are kept for metrics and tests.
 */
final class RelayBuffers implements FollowerBuffers {
    private final long perFollowerBytes;
    private final AtomicLong buffered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    RelayBuffers(long perFollowerBytes) {
        this.perFollowerBytes = perFollowerBytes;
    }

    /** A relay of a job's acceptance, output and result to the client that sent the request. */
    FollowerRelay follower(MessageChannel channel, long requestId) {
        return follower(FollowerLine.of(channel), requestId);
    }

    /** A relay of a job's acceptance, output and result to a follower in the hub's process, or on a connection. */
    FollowerRelay follower(FollowerLine line, long requestId) {
        return new FollowerRelay(line, requestId, false, this);
    }

    /** A relay of a detached job's acceptance alone: its output and result go to the store only. */
    FollowerRelay acceptanceOnly(MessageChannel channel, long requestId) {
        return new FollowerRelay(FollowerLine.of(channel), requestId, true, this);
    }

    long perFollowerBytes() {
        return perFollowerBytes;
    }

    /** The bytes buffered for every follower together now. */
    long bufferedBytes() {
        return buffered.get();
    }

    /** How many followers were dropped for falling behind since the hub started. */
    long droppedFollowers() {
        return dropped.get();
    }

    @Override
    public void held(long bytes) {
        buffered.addAndGet(bytes);
    }

    @Override
    public void released(long bytes) {
        buffered.addAndGet(-bytes);
    }

    @Override
    public void droppedOne() {
        dropped.incrementAndGet();
    }
}
