package io.resourcepool.api.spi.transport;

import java.util.Optional;

/**
 * One open link to a peer, carrying frames both ways.
 *
 * <p>Implementations must: let one thread receive while any number of threads send ({@link #send} is
 * thread-safe and writes each frame whole); enforce their {@link FrameLimits} on receive, allocating nothing
 * for a claimed length before checking it; report a bad frame as a
 * {@link io.resourcepool.api.FrameException} and leave the connection open long enough for the caller to
 * answer with an error frame; and name the peer only from a verified certificate.
 */
public interface Connection extends AutoCloseable {

    /**
     * Waits for the next frame.
     *
     * @return the frame
     * @throws io.resourcepool.api.FrameException when the frame is malformed, too large or too slow
     * @throws io.resourcepool.api.TransportException when the connection is closed or broken
     */
    Frame receive();

    /**
     * Sends one frame. Safe to call from many threads at once.
     *
     * @param frame the frame
     * @throws io.resourcepool.api.TransportException when the connection is closed or broken
     */
    void send(Frame frame);

    /**
     * The peer's verified certificate, when it presented one (mutual TLS).
     *
     * @return the verified identity, or empty for a peer without a certificate
     */
    Optional<PeerCertificate> peerCertificate();

    /**
     * The peer's address, for audit and logs: {@code host:port}, or a transport-specific name.
     *
     * @return the address
     */
    String remoteAddress();

    /**
     * Says whether the connection can still carry frames.
     *
     * @return false once closed by either side
     */
    boolean isOpen();

    /** Closes the connection. Idempotent; wakes a thread blocked in {@link #receive()}. */
    @Override
    void close();
}
