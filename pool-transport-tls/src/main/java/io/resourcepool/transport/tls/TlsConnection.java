package io.resourcepool.transport.tls;

import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.transport.Connection;
import io.resourcepool.api.spi.transport.Frame;
import io.resourcepool.api.spi.transport.FrameLimits;
import io.resourcepool.api.spi.transport.FrameReader;
import io.resourcepool.api.spi.transport.FrameWriter;
import io.resourcepool.api.spi.transport.PeerCertificate;
import java.io.IOException;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;

/**
 * A connection after a successful handshake. One thread receives; any number send, each frame whole.
 * There is no read buffer of its own: TLS hands out decrypted bytes a record at a time, and an idle
 * connection should cost as little as possible.
 */
final class TlsConnection implements Connection, WriteWatchdog.Watched {
    private final TlsStreams tls;
    private final Socket plain;
    private final String remoteAddress;
    private final Optional<PeerCertificate> peerCertificate;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final long writeDeadlineNanos;
    private volatile boolean writeTimedOut;

    private TlsConnection(TlsStreams tls, Socket plain, String remoteAddress, FrameLimits limits) throws IOException {
        this.tls = tls;
        this.plain = plain;
        this.remoteAddress = remoteAddress;
        this.peerCertificate = PeerCertificates.of(tls.session());
        this.reader = new FrameReader(tls.in(), limits, FrameReader.ReadTimeout.of(plain), remoteAddress);
        this.writer = new FrameWriter(tls.out(), remoteAddress);
        this.writeDeadlineNanos = limits.writeDeadline().toNanos();
    }

    /** Wraps TLS whose handshake has completed; its writes are bounded by the limits' write deadline. */
    static TlsConnection established(TlsStreams tls, Socket plain, String remoteAddress, FrameLimits limits) throws IOException {
        TlsConnection connection = new TlsConnection(tls, plain, remoteAddress, limits);
        WriteWatchdog.SHARED.watch(connection);
        return connection;
    }

    @Override
    public Frame receive() {
        ensureOpen("receive from");
        try {
            return reader.read();
        } catch (TransportException e) {
            throw ended(e);
        }
    }

    @Override
    public void send(Frame frame) {
        ensureOpen("send to");
        try {
            writer.write(frame);
        } catch (TransportException e) {
            if (writeTimedOut) {
                throw new TransportException("connection to " + remoteAddress + " was closed: a frame could not be written within "
                        + writeDeadlineNanos / 1_000_000 + " ms (write-timeout); the peer stopped reading", e);
            }
            throw ended(e);
        }
    }

    /** A write the peer has not taken within the deadline closes the connection, which fails that write at once. */
    @Override
    public void checkWrite(long nowNanos) {
        long started = writer.writeStartedAt();
        if (started != FrameWriter.IDLE && nowNanos - started > writeDeadlineNanos && !closed.get()) {
            writeTimedOut = true;
            close();
        }
    }

    /** A broken or closed stream ends the connection; the message says which side ended it. */
    private TransportException ended(TransportException e) {
        if (closed.get()) {
            return new TransportException("connection to " + remoteAddress + " is closed", e);
        }
        close();
        if (e.getCause() instanceof SSLException alert && String.valueOf(alert.getMessage()).contains("alert: certificate_")) {
            // TLS 1.3 lets a client finish its handshake before the server judges its certificate
            return new TransportException("connection to " + remoteAddress + " was refused: the peer does not accept this side's"
                    + " certificate, or its lack of one (" + alert.getMessage() + ")", e);
        }
        return e;
    }

    private void ensureOpen(String what) {
        if (closed.get()) {
            throw new TransportException("cannot " + what + " " + remoteAddress + ": the connection is closed"
                    + (writeTimedOut ? " (a write outlasted the write-timeout: the peer stopped reading)" : ""));
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
        return !closed.get() && !plain.isClosed();
    }

    /**
     * Says goodbye with a TLS close_notify when no sender is stuck in a write (a stuck write would make the
     * goodbye wait too), then closes the plain socket, which wakes a blocked reader in any case. A TLS
     * socket's own {@code close()} is not used: it may wait for the peer, up to the read timeout, to drain
     * what is still in flight.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        WriteWatchdog.SHARED.unwatch(this);
        if (writer.tryLock()) {
            try {
                tls.sayGoodbye();
            } catch (IOException e) {
                // the goodbye is a courtesy; the plain socket is closed below regardless
            } finally {
                writer.unlock();
            }
        }
        HandshakeWatchdog.closeQuietly(plain);
    }

    @Override
    public String toString() {
        return "TlsConnection[" + remoteAddress + (closed.get() ? ", closed" : "") + "]";
    }
}
