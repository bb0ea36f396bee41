package io.resourcepool.transport.tls;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Cuts off frame writes that do not finish. A socket write in Java has no timeout: a peer that stops reading (a
 * stopped process, a full network) fills its socket buffers, and then holds the writing thread, and every thread
 * waiting for that connection's write lock, for ever. Each watched connection notes when its current write began;
 * one daemon thread looks at every watched connection a few times a second and lets a connection whose write has
 * outlasted its deadline close itself, which makes the stuck write fail at once.
 *
 * <p>The thread runs only while some connection is watched, and is shared by every TLS transport in the process,
 * because connections made by {@link TlsTransport#connect} outlive the transport that made them.
 */
final class WriteWatchdog {
    /** The watchdog of every TLS connection in this process. */
    static final WriteWatchdog SHARED = new WriteWatchdog(Duration.ofMillis(250));

    /** A connection whose writes are watched. */
    interface Watched {
        /**
         * Closes the connection when a write has been under way for longer than its deadline.
         *
         * @param nowNanos {@link System#nanoTime()} now
         */
        void checkWrite(long nowNanos);
    }

    private final long tickNanos;
    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private Thread sweeper;

    WriteWatchdog(Duration tick) {
        this.tickNanos = tick.toNanos();
    }

    /** Starts watching a connection, and the sweeping thread when it is not running. */
    void watch(Watched connection) {
        watched.add(connection);
        lock.lock();
        try {
            if (sweeper == null) {
                sweeper = Thread.ofPlatform().name("tls-write-watchdog").daemon().start(this::sweep);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops watching a connection (it closed); the thread stops once nothing is watched. */
    void unwatch(Watched connection) {
        watched.remove(connection);
    }

    private void sweep() {
        while (true) {
            LockSupport.parkNanos(tickNanos);
            long now = System.nanoTime();
            watched.forEach(connection -> connection.checkWrite(now));
            lock.lock();
            try {
                if (watched.isEmpty()) {
                    sweeper = null;
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
