package io.resourcepool.api.spi.transport;

import io.resourcepool.api.FrameException;
import io.resourcepool.api.TransportException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One end of a connection inside one process: frames pass as objects through a queue, with no bytes, sockets or
 * TLS. Made in linked pairs by {@link #pair}. It keeps the promises of {@link Connection} that the layers above can
 * tell: a received frame over the end's limit is refused with {@link FrameException.Reason#TOO_LARGE}, and closing
 * either end puts an end marker behind the frames already sent, so the other reads those first, as on TCP, and
 * then fails with a {@link TransportException}. Like a socket's buffers, an end holds at most two frames' worth of
 * unread bytes (its {@link FrameLimits#maxFrameBytes()} twice): a sender waits for room, and one that finds none
 * within its {@link FrameLimits#writeDeadline()} closes the connection, so a reader that stopped costs bounded memory.
 */
public final class MemoryConnection implements Connection {
    private static final Object END = new Object();

    private final FrameLimits limits;
    private final String remoteAddress;
    private final Optional<PeerCertificate> peerCertificate;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ReentrantLock room = new ReentrantLock();
    private final Condition taken = room.newCondition();
    private long unreadBytes;
    private volatile boolean writeTimedOut;
    private MemoryConnection peer;

    private MemoryConnection(FrameLimits limits, String remoteAddress, Optional<PeerCertificate> peerCertificate) {
        this.limits = Objects.requireNonNull(limits, "limits must be given");
        this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress must be given");
        this.peerCertificate = Objects.requireNonNull(peerCertificate, "peerCertificate must be given (empty for none)");
    }

    /**
     * One end as it sees the other: what it accepts, and how the other is named.
     *
     * @param limits what this end accepts
     * @param remoteAddress the other end's address, as this end reports it
     * @param peerCertificate the other end's verified identity, if any
     */
    public record End(FrameLimits limits, String remoteAddress, Optional<PeerCertificate> peerCertificate) {
        /** Checks the fields. */
        public End {
            Objects.requireNonNull(limits, "limits must be given");
            Objects.requireNonNull(remoteAddress, "remoteAddress must be given");
            Objects.requireNonNull(peerCertificate, "peerCertificate must be given (empty for none)");
        }
    }

    /**
     * The two ends of a connection.
     *
     * @param first the first end
     * @param second the second end
     */
    public record Pair(MemoryConnection first, MemoryConnection second) {}

    /**
     * Makes two linked ends.
     *
     * @param first how the first end sees the second
     * @param second how the second end sees the first
     * @return the ends
     */
    public static Pair pair(End first, End second) {
        MemoryConnection a = new MemoryConnection(first.limits(), first.remoteAddress(), first.peerCertificate());
        MemoryConnection b = new MemoryConnection(second.limits(), second.remoteAddress(), second.peerCertificate());
        a.peer = b;
        b.peer = a;
        return new Pair(a, b);
    }

    @Override
    public Frame receive() {
        Object next;
        try {
            next = inbox.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while receiving from " + remoteAddress, e);
        }
        if (next == END || closed.get()) {
            inbox.add(END);
            throw new TransportException(closed.get() ? "connection to " + remoteAddress + " is closed" : "closed by peer " + remoteAddress);
        }
        Frame frame = (Frame) next;
        room.lock();
        try {
            unreadBytes -= frame.payload().size();
            taken.signalAll();
        } finally {
            room.unlock();
        }
        if (frame.payload().size() > limits.maxFrameBytes()) {
            throw new FrameException(FrameException.Reason.TOO_LARGE, "frame from " + remoteAddress + " claims "
                    + frame.payload().size() + " bytes; the limit is " + limits.maxFrameBytes());
        }
        return frame;
    }

    @Override
    public void send(Frame frame) {
        Objects.requireNonNull(frame, "frame must be given");
        if (!isOpen()) {
            throw new TransportException("cannot send to " + remoteAddress + ": the connection is closed"
                    + (writeTimedOut || peer.writeTimedOut ? " (a write outlasted the write deadline: the peer stopped reading)" : ""));
        }
        if (!peer.admit(frame, limits.writeDeadline().toNanos())) {
            writeTimedOut = true;
            close();
            throw new TransportException("connection to " + remoteAddress + " was closed: a frame could not be written within "
                    + limits.writeDeadline().toMillis() + " ms (write deadline); the peer stopped reading");
        }
    }

    /**
     * Puts a frame in this end's inbox once there is room for it (an empty inbox always has room, so a frame never
     * waits for itself), waiting at most {@code patienceNanos}.
     *
     * @return false when no room came in time; true when the frame was put, or the connection closed meanwhile
     */
    private boolean admit(Frame frame, long patienceNanos) {
        long capacity = 2L * limits.maxFrameBytes();
        int size = frame.payload().size();
        room.lock();
        try {
            long wait = patienceNanos;
            while (unreadBytes > 0 && unreadBytes + size > capacity && isOpen()) {
                if (wait <= 0) {
                    return false;
                }
                wait = taken.awaitNanos(wait);
            }
            if (!isOpen()) {
                throw new TransportException("cannot send to " + peer.remoteAddress + ": the connection closed while the frame waited");
            }
            unreadBytes += size;
            inbox.add(frame);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while sending to " + peer.remoteAddress, e);
        } finally {
            room.unlock();
        }
    }

    private void wakeSenders() {
        room.lock();
        try {
            taken.signalAll();
        } finally {
            room.unlock();
        }
    }

    @Override
    public Optional<PeerCertificate> peerCertificate() {
        return peerCertificate;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public boolean isOpen() {
        return !closed.get() && !peer.closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            inbox.add(END);
            peer.inbox.add(END);
            wakeSenders();
            peer.wakeSenders();
        }
    }

    @Override
    public String toString() {
        return "MemoryConnection[" + remoteAddress + (closed.get() ? ", closed" : "") + "]";
    }
}
