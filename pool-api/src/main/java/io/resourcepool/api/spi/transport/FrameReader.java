package io.resourcepool.api.spi.transport;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.FrameException.Reason;
import io.resourcepool.api.FrameException;
import io.resourcepool.api.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Reads frames from a byte stream and enforces {@link FrameLimits}. One thread reads at a time.
 *
 * <p>It waits for the first byte of a frame as long as it takes (an idle connection is fine); from then on
 * the rest must arrive within {@link FrameLimits#frameDeadline()}, checked before every read and handed to
 * the stream as a read timeout. The magic number is checked first, then the claimed length, as an unsigned
 * 32-bit number, against {@link FrameLimits#maxFrameBytes()} before anything is allocated for it. Even a
 * length within the limit is not allocated at once: the payload buffer grows as bytes arrive, so a peer
 * that claims a large frame and sends nothing costs a few kilobytes, not the whole limit.
 */
public final class FrameReader {
    /** The first payload buffer; it doubles as bytes arrive, up to the claimed length. */
    private static final int FIRST_CHUNK = 8 * 1024;
    private static final int MAGIC_BYTES = 4;

    private final InputStream in;
    private final FrameLimits limits;
    private final ReadTimeout timeout;
    private final LongSupplier nanoClock;
    private final String peer;
    private final byte[] header = new byte[Frame.HEADER_BYTES];

    /**
     * Sets how long the next read may block; a socket turns it into {@code SO_TIMEOUT}.
     */
    @FunctionalInterface
    public interface ReadTimeout {
        /** For streams that cannot time out (tests); the deadline is then checked between reads only. */
        ReadTimeout NONE = millis -> { };

        /**
         * Sets the timeout of the next read.
         *
         * @param millis the longest wait in milliseconds, or 0 to wait for ever
         * @throws IOException when the stream refuses
         */
        void set(int millis) throws IOException;

        /**
         * The timeout of a socket's reads.
         *
         * @param socket the socket the stream reads from
         * @return a timeout that sets {@code SO_TIMEOUT}
         */
        static ReadTimeout of(Socket socket) {
            return socket::setSoTimeout;
        }
    }

    /**
     * A reader on a stream.
     *
     * @param in the stream; reads of it may throw {@link SocketTimeoutException} when {@code timeout} expires
     * @param limits the limits to enforce
     * @param timeout how to bound each read
     * @param peer the peer's name, for messages
     */
    public FrameReader(InputStream in, FrameLimits limits, ReadTimeout timeout, String peer) {
        this(in, limits, timeout, peer, System::nanoTime);
    }

    /**
     * A reader that takes the time from a clock of its own, so a test can move time instead of waiting.
     *
     * @param in the stream
     * @param limits the limits to enforce
     * @param timeout how to bound each read
     * @param peer the peer's name, for messages
     * @param nanoClock a monotonic clock in nanoseconds, like {@link System#nanoTime()}
     */
    public FrameReader(InputStream in, FrameLimits limits, ReadTimeout timeout, String peer, LongSupplier nanoClock) {
        this.in = Objects.requireNonNull(in, "in must be given");
        this.limits = Objects.requireNonNull(limits, "limits must be given");
        this.timeout = Objects.requireNonNull(timeout, "timeout must be given");
        this.peer = Objects.requireNonNull(peer, "peer must be given");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock must be given");
    }

    /**
     * Reads the next frame.
     *
     * @return the frame
     * @throws TransportException when the stream ends cleanly before a frame ("closed by peer") or breaks
     * @throws FrameException when the frame is malformed ({@link Reason#BAD_MAGIC}), too large
     *     ({@link Reason#TOO_LARGE}), too slow ({@link Reason#DEADLINE}) or cut short ({@link Reason#TRUNCATED})
     */
    public Frame read() {
        header[0] = (byte) readFirstByte();
        long deadline = nanoClock.getAsLong() + limits.frameDeadline().toNanos();
        readFully(header, 1, MAGIC_BYTES - 1, deadline, Frame.HEADER_BYTES);
        int magic = readInt(0);
        if (magic != Frame.MAGIC) {
            throw new FrameException(Reason.BAD_MAGIC, String.format(
                    "frame from %s starts with 0x%08x instead of 0xdeadbeef: the peer does not speak the ResourcePool protocol", peer, magic));
        }
        readFully(header, MAGIC_BYTES, Frame.HEADER_BYTES - MAGIC_BYTES, deadline, Frame.HEADER_BYTES);
        int type = ((header[4] & 0xFF) << 8) | (header[5] & 0xFF);
        long length = Integer.toUnsignedLong(readInt(6));
        if (length > limits.maxFrameBytes()) {
            throw new FrameException(Reason.TOO_LARGE, "frame from " + peer + " claims " + length
                    + " bytes; the limit is " + limits.maxFrameBytes() + " bytes (max-frame-bytes)");
        }
        return new Frame(type, Bytes.adopt(readPayload((int) length, deadline)));
    }

    private int readFirstByte() {
        try {
            timeout.set(0);
            int first = in.read();
            if (first < 0) {
                throw new TransportException("closed by peer " + peer);
            }
            return first;
        } catch (IOException e) {
            throw broken(e);
        }
    }

    private byte[] readPayload(int length, long deadline) {
        byte[] payload = new byte[Math.min(length, FIRST_CHUNK)];
        int filled = 0;
        while (filled < length) {
            if (filled == payload.length) {
                payload = Arrays.copyOf(payload, (int) Math.min(length, 2L * payload.length));
            }
            filled += readSome(payload, filled, payload.length - filled, deadline, length);
        }
        return payload;
    }

    private void readFully(byte[] buffer, int offset, int count, long deadline, int frameBytes) {
        int done = 0;
        while (done < count) {
            done += readSome(buffer, offset + done, count - done, deadline, frameBytes);
        }
    }

    private int readSome(byte[] buffer, int offset, int count, long deadline, int expected) {
        long remaining = deadline - nanoClock.getAsLong();
        if (remaining <= 0) {
            throw tooSlow();
        }
        try {
            timeout.set((int) Math.max(1, Math.min(Integer.MAX_VALUE, (remaining + 999_999) / 1_000_000)));
            int n = in.read(buffer, offset, count);
            if (n < 0) {
                throw new FrameException(Reason.TRUNCATED, "connection from " + peer + " ended part way through a frame of "
                        + expected + " bytes");
            }
            return n;
        } catch (SocketTimeoutException e) {
            throw tooSlow();
        } catch (IOException e) {
            throw broken(e);
        }
    }

    private FrameException tooSlow() {
        return new FrameException(Reason.DEADLINE, "frame from " + peer + " did not arrive whole within "
                + limits.frameDeadline().toMillis() + " ms (frame-deadline)");
    }

    private TransportException broken(IOException e) {
        return new TransportException("connection to " + peer + " broke: " + e.getMessage(), e);
    }

    private int readInt(int offset) {
        return ((header[offset] & 0xFF) << 24) | ((header[offset + 1] & 0xFF) << 16)
                | ((header[offset + 2] & 0xFF) << 8) | (header[offset + 3] & 0xFF);
    }
}
