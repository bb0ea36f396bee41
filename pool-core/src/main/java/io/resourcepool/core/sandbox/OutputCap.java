package io.resourcepool.core.sandbox;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.api.spi.sandbox.OutputSink;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes a run's output on to its sink until the cap, counted across both channels, is reached; then passes
 * one marker and drops the rest, keeping only the last {@value #TAIL_BYTES} bytes of each channel, which
 * {@link #finish()} passes on at the end behind a second marker: so the end of a run's output (its last lines,
 * an error it printed before exiting) is never lost to the cap. Called by both reader threads at once.
 */
final class OutputCap {
    private static final Logger LOG = LoggerFactory.getLogger(OutputCap.class);
    /** How much of each channel's dropped output is kept and passed on at the end. */
    static final int TAIL_BYTES = 8 * 1024;

    private final OutputSink sink;
    private final long capBytes;
    private final Bytes marker;
    private final AtomicLong offered = new AtomicLong();
    private final AtomicBoolean truncated = new AtomicBoolean();
    private final AtomicBoolean sinkFailed = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final java.util.Map<OutputChannel, ByteRing> tails = new java.util.EnumMap<>(java.util.Map.of(
            OutputChannel.STDOUT, new ByteRing(TAIL_BYTES), OutputChannel.STDERR, new ByteRing(TAIL_BYTES)));
    private volatile boolean closed;

    OutputCap(OutputSink sink, long capBytes) {
        this.sink = sink;
        this.capBytes = capBytes;
        // the marker is not counted against the cap: the cap bounds what the program wrote
        this.marker = Bytes.utf8("\n[output truncated: over " + capBytes + " bytes]\n");
    }

    /**
     * Takes what a reader just read. The buffer is reused by the reader, so what is passed on is a copy.
     *
     * @param channel where it came from
     * @param buffer the bytes read
     * @param length how many of them
     */
    void offer(OutputChannel channel, byte[] buffer, int length) {
        if (closed) {
            return;
        }
        long room = capBytes - offered.getAndAdd(length);
        if (room >= length) {
            deliver(channel, Bytes.copyOf(buffer, 0, length));
            return;
        }
        int kept = (int) Math.max(0, room);
        if (kept > 0) {
            deliver(channel, Bytes.copyOf(buffer, 0, kept));
        }
        if (truncated.compareAndSet(false, true)) {
            deliver(channel, marker);
        }
        tails.get(channel).append(buffer, kept, length - kept);
    }

    /**
     * Passes on, for each channel that lost output to the cap, a marker and the last bytes it lost. Called once
     * the output has been read to the end (or given up on), before the run completes; later calls do nothing.
     */
    void finish() {
        if (closed || !finished.compareAndSet(false, true)) {
            return;
        }
        tails.forEach((channel, tail) -> {
            long dropped = tail.total();
            if (dropped > 0) {
                Bytes last = tail.last();
                deliver(channel, Bytes.utf8("\n[" + dropped + " bytes of " + channel.name().toLowerCase(java.util.Locale.ROOT)
                        + " dropped; the last " + last.size() + " follow]\n"));
                deliver(channel, last);
            }
        });
    }

    /**
     * Says whether output past the cap was dropped.
     *
     * @return true once the cap was passed
     */
    boolean truncated() {
        return truncated.get();
    }

    /** Stops passing output on: the run has completed, and nothing may reach the sink after that. */
    void close() {
        closed = true;
    }

    private void deliver(OutputChannel channel, Bytes chunk) {
        try {
            sink.accept(channel, chunk);
        } catch (RuntimeException e) {
            // the pipe must still be drained, or the process blocks on a full pipe; say so once, not per chunk
            if (sinkFailed.compareAndSet(false, true)) {
                LOG.warn("the output sink failed; output keeps being read but may be lost", e);
            }
        }
    }
}
