package io.resourcepool.core.hub;

import io.resourcepool.api.FrameException;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.transport.Connection;
import io.resourcepool.api.spi.transport.Frame;
import io.resourcepool.api.spi.transport.PeerCertificate;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One end of a connection inside the hub's own process: frames pass as objects through a queue, with no bytes,
 * sockets or TLS. Made in pairs by {@link InProcessClients} for gateways that serve people over another
 * protocol (the HTTP API) and speak to the hub as clients, so every request meets the same checks as one that
 * came over the network. The hub's end carries the gateway's own peer address, so rate limits and audit rows
 * name the real source. Closing either end puts an end marker behind the frames already sent, as on TCP.
 */
final class InProcessConnection implements Connection {
    private static final Object END = new Object();

    private final int maxFrameBytes;
    private final String remoteAddress;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private InProcessConnection peer;

    private InProcessConnection(int maxFrameBytes, String remoteAddress) {
        this.maxFrameBytes = maxFrameBytes;
        this.remoteAddress = remoteAddress;
    }

    /**
     * Makes a linked pair.
     *
     * @return the hub's end first, the client's second
     */
    static InProcessConnection[] pair(int maxFrameBytes, String clientAddress) {
        InProcessConnection hubEnd = new InProcessConnection(maxFrameBytes, clientAddress);
        InProcessConnection clientEnd = new InProcessConnection(maxFrameBytes, "in-process hub");
        hubEnd.peer = clientEnd;
        clientEnd.peer = hubEnd;
        return new InProcessConnection[] {hubEnd, clientEnd};
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
            throw new TransportException(closed.get() ? "connection to " + remoteAddress + " is closed" : "closed by " + remoteAddress);
        }
        Frame frame = (Frame) next;
        if (frame.payload().size() > maxFrameBytes) {
            throw new FrameException(FrameException.Reason.TOO_LARGE, "frame from " + remoteAddress + " has "
                    + frame.payload().size() + " bytes; the limit is " + maxFrameBytes);
        }
        return frame;
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
        return Optional.empty();
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
}
