package io.resourcepool.api.spi.transport;

import io.resourcepool.api.TransportException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes frames to a byte stream: the 10-byte header (magic {@code 0xDEADBEEF}, u16 type, u32 length, all
 * big-endian), then the payload, then a flush. Safe for many threads: each frame is written whole under a
 * lock (a {@link ReentrantLock}, which does not pin virtual threads), so frames never interleave.
 */
public final class FrameWriter {
    /** {@link #writeStartedAt} while no write is under way. */
    public static final long IDLE = Long.MIN_VALUE;
    /**
     * The largest frame, header included, written in one piece: the most a TLS record holds. A larger frame goes
     * out as its header, then its payload, rather than be copied whole once more.
     */
    public static final int ONE_PIECE_BYTES = 16 * 1024;

    private final OutputStream out;
    private final String peer;
    /** Fair, so that a reply waiting for the lock is not overtaken again and again by a stream of output frames. */
    private final ReentrantLock lock = new ReentrantLock(true);
    private volatile long writeStartedAt = IDLE;

    /**
     * A writer on a stream. It keeps no buffer of its own, which would stay as large as the largest frame it
     * passed on for as long as the connection lives: a frame of up to {@link #ONE_PIECE_BYTES} is copied into a
     * new array with its header and goes out as one write, one TLS record; a larger one as two writes.
     *
     * @param out the stream
     * @param peer the peer's name, for messages
     */
    public FrameWriter(OutputStream out, String peer) {
        this.out = Objects.requireNonNull(out, "out must be given");
        this.peer = Objects.requireNonNull(peer, "peer must be given");
    }

    /**
     * Writes and flushes one frame.
     *
     * @param frame the frame
     * @throws TransportException when the stream is broken
     */
    public void write(Frame frame) {
        Objects.requireNonNull(frame, "frame must be given");
        lock.lock();
        try {
            writeStartedAt = System.nanoTime();
            if (Frame.HEADER_BYTES + frame.payload().size() <= ONE_PIECE_BYTES) {
                out.write(encode(frame));
            } else {
                byte[] header = new byte[Frame.HEADER_BYTES];
                encodeHeader(frame, header);
                out.write(header);
                frame.payload().writeTo(out);
            }
            out.flush();
        } catch (IOException | UncheckedIOException e) {
            throw new TransportException("cannot send to " + peer + ": " + e.getMessage(), e);
        } finally {
            writeStartedAt = IDLE;
            lock.unlock();
        }
    }

    /**
     * When the write under way began, for a watchdog that cuts off writes a peer does not take.
     *
     * @return {@link System#nanoTime()} at its start, or {@link #IDLE} when no write is under way
     */
    public long writeStartedAt() {
        return writeStartedAt;
    }

    /**
     * Tries to take the write lock without waiting, so a closer can say goodbye politely when no sender is
     * stuck in a write, and skip it when one is.
     *
     * @return true when the lock is now held; release it with {@link #unlock()}
     */
    public boolean tryLock() {
        return lock.tryLock();
    }

    /** Releases the write lock taken by a successful {@link #tryLock()}. */
    public void unlock() {
        lock.unlock();
    }

    /**
     * The bytes of one frame on the wire, for tests and tools.
     *
     * @param frame the frame
     * @return header and payload
     */
    public static byte[] encode(Frame frame) {
        byte[] bytes = new byte[Frame.HEADER_BYTES + frame.payload().size()];
        encodeHeader(frame, bytes);
        frame.payload().asReadOnlyBuffer().get(bytes, Frame.HEADER_BYTES, frame.payload().size());
        return bytes;
    }

    private static void encodeHeader(Frame frame, byte[] into) {
        putInt(into, 0, Frame.MAGIC);
        into[4] = (byte) (frame.type() >>> 8);
        into[5] = (byte) frame.type();
        putInt(into, 6, frame.payload().size());
    }

    private static void putInt(byte[] into, int offset, int value) {
        into[offset] = (byte) (value >>> 24);
        into[offset + 1] = (byte) (value >>> 16);
        into[offset + 2] = (byte) (value >>> 8);
        into[offset + 3] = (byte) value;
    }
}
