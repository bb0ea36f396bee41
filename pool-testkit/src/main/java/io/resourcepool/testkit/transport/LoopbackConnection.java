package io.resourcepool.testkit.transport;

import io.resourcepool.api.FrameException;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.transport.Connection;
import io.resourcepool.api.spi.transport.Frame;
import io.resourcepool.api.spi.transport.FrameLimits;
import io.resourcepool.api.spi.transport.PeerCertificate;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One end of an in-memory connection. Frames sent here land in the peer's inbox; closing either end puts
 * an end marker behind the frames already sent, so the peer reads those first, as it would on TCP.
 */
final class LoopbackConnection implements Connection {
    private static final Object END = new Object();

    private final FrameLimits limits;
    private final String remoteAddress;
    private final Optional<PeerCertificate> peerCertificate;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile LoopbackConnection peer;

    LoopbackConnection(FrameLimits limits, String remoteAddress, Optional<PeerCertificate> peerCertificate) {
        this.limits = limits;
        this.remoteAddress = remoteAddress;
        this.peerCertificate = peerCertificate;
    }

    static void link(LoopbackConnection a, LoopbackConnection b) {
        a.peer = b;
        b.peer = a;
    }

    @Override
    public Frame receive() {
        Object next = take();
        if (next == END || closed.get()) {
            inbox.add(END);
            throw new TransportException(closed.get() ? "connection to " + remoteAddress + " is closed" : "closed by peer " + remoteAddress);
        }
        Frame frame = (Frame) next;
        if (frame.payload().size() > limits.maxFrameBytes()) {
            throw new FrameException(FrameException.Reason.TOO_LARGE, "frame from " + remoteAddress + " claims "
                    + frame.payload().size() + " bytes; the limit is " + limits.maxFrameBytes());
        }
        return frame;
    }

    private Object take() {
        try {
            return inbox.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while receiving from " + remoteAddress, e);
        }
    }

    @Override
    public void send(Frame frame) {
        Objects.requireNonNull(frame, "frame must be given");
        if (!isOpen()) {
            throw new TransportException("cannot send to " + remoteAddress + ": the connection is closed");
        }
        peer.inbox.add(frame);
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
        }
    }

    @Override
    public String toString() {
        return "LoopbackConnection[" + remoteAddress + (closed.get() ? ", closed" : "") + "]";
    }
}
