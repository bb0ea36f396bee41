package io.resourcepool.transport.tls;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds the whole TLS handshake, not each read: a peer that trickles a byte now and then would otherwise
 * hold a connection for ever. When time is up the plain socket under TLS is closed, which ends the
 * handshake at once. Owned by one {@link TlsTransport}; its single timer thread starts with a handshake and
 * ends once no handshake has needed it for a while, or when the transport closes: a worker's transport
 * handshakes only when it connects, and a thousand workers in one process would otherwise hold a thousand
 * idle threads.
 */
final class HandshakeWatchdog implements AutoCloseable {
    /** How long the timer thread outlives the last handshake. */
    static final Duration IDLE = Duration.ofSeconds(30);

    private final ScheduledThreadPoolExecutor timer;

    HandshakeWatchdog() {
        this(IDLE);
    }

    HandshakeWatchdog(Duration idle) {
        timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("tls-handshake-watchdog").daemon().factory());
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(idle.toMillis(), TimeUnit.MILLISECONDS);
        timer.allowCoreThreadTimeOut(true);
    }

    /** Timer threads alive now: 1 while handshakes come, 0 once idle. */
    int threads() {
        return timer.getPoolSize();
    }

    /** Thrown when the handshake was cut off because it took too long. */
    static final class TimedOut extends IOException {
        private static final long serialVersionUID = 1L;

        TimedOut(Duration timeout, IOException cause) {
            super("no TLS handshake within " + timeout.toMillis() + " ms (handshake-timeout)", cause);
        }
    }

    /** A handshake to run on the calling thread. */
    @FunctionalInterface
    interface Handshake<T> {
        T run() throws IOException;
    }

    /**
     * Runs the handshake on the calling thread, closing {@code plain} if it outlasts {@code timeout}.
     *
     * @return what the handshake gave
     * @throws TimedOut when time ran out
     * @throws IOException when the handshake failed for another reason
     */
    <T> T handshake(Handshake<T> handshake, Socket plain, Duration timeout) throws IOException {
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledFuture<?> alarm;
        try {
            alarm = timer.schedule(() -> {
                fired.set(true);
                closeQuietly(plain);
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            throw new IOException("the transport is closed", e);
        }
        T done;
        try {
            done = handshake.run();
        } catch (IOException e) {
            throw fired.get() ? new TimedOut(timeout, e) : e;
        } finally {
            alarm.cancel(false);
        }
        if (fired.get()) {
            throw new TimedOut(timeout, new IOException("the socket was closed as the handshake finished"));
        }
        return done;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is best effort: the socket is being abandoned either way
            return;
        }
    }
}
