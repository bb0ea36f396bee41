package io.resourcepool.testkit.sandbox;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.api.spi.sandbox.OutputSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * An output sink that keeps every chunk it receives, per channel and in arrival order, and lets a test wait
 * until the output so far satisfies a condition. Thread-safe.
 */
public final class RecordingOutputSink implements OutputSink {
    /**
     * One chunk as received.
     *
     * @param channel where it came from
     * @param bytes the bytes
     */
    public record Chunk(OutputChannel channel, Bytes bytes) {}

    private final Map<OutputChannel, ByteArrayOutputStream> byChannel = new EnumMap<>(OutputChannel.class);
    private final List<Chunk> chunks = new ArrayList<>();

    /** An empty recording. */
    public RecordingOutputSink() {
        for (OutputChannel channel : OutputChannel.values()) {
            byChannel.put(channel, new ByteArrayOutputStream());
        }
    }

    @Override
    public synchronized void accept(OutputChannel channel, Bytes chunk) {
        Objects.requireNonNull(channel, "channel must be given");
        if (chunk.isEmpty()) {
            throw new AssertionError("a sandbox passed an empty chunk on " + channel + "; chunks are never empty");
        }
        chunk.writeTo(byChannel.get(channel));
        chunks.add(new Chunk(channel, chunk));
        notifyAll();
    }

    /**
     * Everything received on a channel so far, as UTF-8 text.
     *
     * @param channel the channel
     * @return the text
     */
    public synchronized String text(OutputChannel channel) {
        return byChannel.get(channel).toString(StandardCharsets.UTF_8);
    }

    /**
     * Standard output so far.
     *
     * @return the text
     */
    public String stdout() {
        return text(OutputChannel.STDOUT);
    }

    /**
     * Standard error so far.
     *
     * @return the text
     */
    public String stderr() {
        return text(OutputChannel.STDERR);
    }

    /**
     * The chunks received so far, in arrival order.
     *
     * @return a copy of the list
     */
    public synchronized List<Chunk> chunks() {
        return List.copyOf(chunks);
    }

    /**
     * Waits until a channel's text satisfies a condition.
     *
     * @param channel the channel
     * @param condition the condition on all text received so far
     * @param patience how long to wait at most
     * @return the text that satisfied it
     * @throws AssertionError when the time runs out, with the text received
     * @throws InterruptedException when interrupted while waiting
     */
    public synchronized String await(OutputChannel channel, Predicate<String> condition, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        for (String text = text(channel); ; text = text(channel)) {
            if (condition.test(text)) {
                return text;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("waited " + patience + " for " + channel + " to satisfy the condition; received: '" + text + "'");
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
