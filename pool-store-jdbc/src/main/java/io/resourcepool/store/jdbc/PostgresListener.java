package io.resourcepool.store.jdbc;

import io.resourcepool.api.HubId;
import io.resourcepool.api.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one connection of a PostgreSQL store that {@code LISTEN}s, and the thread that reads its notifications and
 * wakes the threads waiting for them: handover messages (the payload names the hub) and credential writes. Started by
 * the first wait, it holds one connection of the store's pool from then until {@link #close()}. The channels are
 * named after the schema ({@link #CHANNELS}), so stores in other schemas of the database do not wake each other.
 *
 * <p>A notification sent while the connection was down is lost; so when it listens again, every waiter is woken to
 * look at the tables itself.
 */
final class PostgresListener implements AutoCloseable {
    /** The channels' names, as {@code JdbcHandoverQueue} and the credential trigger of schema version 6 make them. */
    static final String HANDOVER_CHANNEL = "'pool_handover_' || substr(md5(current_schema()), 1, 16)";
    private static final String CHANNELS = "SELECT " + HANDOVER_CHANNEL + ", 'pool_credentials_' || substr(md5(current_schema()), 1, 16)";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresListener.class);
    private static final int POLL_MILLIS = 250;
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final Database db;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** For each hub waited for: whether a notification came since its last wait returned. */
    private final Map<HubId, Boolean> raised = new HashMap<>();
    private long credentialNotices;
    private boolean listening;
    /** How many times listening began; read without the lock by {@link #listeningStretch()}, -1 while not listening. */
    private long stretches;
    private volatile long stretch = -1;
    private boolean closed;
    private Thread thread;

    PostgresListener(Database db) {
        this.db = db;
    }

    /**
     * Waits for a notification for the hub; see {@code HandoverQueue.await} for what the answer means.
     *
     * @param hub the hub
     * @param timeout the longest wait
     * @return true when notified since the previous wait for the hub returned, or on the first wait for it
     */
    boolean awaitHub(HubId hub, Duration timeout) {
        long deadline = deadline(timeout);
        lock.lock();
        try {
            if (!startListening(deadline)) {
                return false;
            }
            Boolean notified = raised.put(hub, false);
            while (notified != null && !notified) {
                if (!waitUntil(deadline)) {
                    return false;
                }
                notified = raised.put(hub, false);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The number of credential notifications so far, once listening; read it before looking at the epoch, then
     * {@link #awaitCredentialNotice wait} for it to grow.
     *
     * @param timeout the longest wait for the listening to begin
     * @return the count, or -1 when the listening could not begin within the timeout
     */
    long credentialNotices(Duration timeout) {
        lock.lock();
        try {
            return startListening(deadline(timeout)) ? credentialNotices : -1;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until more credential notifications than {@code seen} have come, or the timeout passes.
     *
     * @param seen a count from {@link #credentialNotices}
     * @param timeout the longest wait
     * @return true when one came
     */
    boolean awaitCredentialNotice(long seen, Duration timeout) {
        long deadline = deadline(timeout);
        lock.lock();
        try {
            while (credentialNotices <= seen) {
                if (!waitUntil(deadline)) {
                    return false;
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Which unbroken stretch of listening this is: a new number each time listening begins again.
     *
     * @return the stretch; empty while not listening
     */
    OptionalLong listeningStretch() {
        long now = stretch;
        return now < 0 ? OptionalLong.empty() : OptionalLong.of(now);
    }

    /** Stops the thread, which gives its connection back to the pool; waits for it a little. */
    @Override
    public void close() {
        Thread running;
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
            running = thread;
        } finally {
            lock.unlock();
        }
        if (running != null) {
            try {
                running.join(Duration.ofMillis(POLL_MILLIS * 8L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts the thread if it is not running, and waits until it listens; call with the lock held. */
    private boolean startListening(long deadline) {
        if (thread == null && !closed) {
            thread = Thread.ofPlatform().daemon().name("pool-store-listener").start(this::run);
        }
        while (!listening) {
            if (!waitUntil(deadline)) {
                return false;
            }
        }
        return true;
    }

    /** Waits for a change until the deadline; false when it passed. Call with the lock held. */
    private boolean waitUntil(long deadline) {
        if (closed) {
            throw new StoreException("the store is closed");
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            changed.awaitNanos(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a notification from the store", e);
        }
        if (closed) {
            throw new StoreException("the store is closed");
        }
        return true;
    }

    private void run() {
        boolean failing = false;
        while (!isClosed()) {
            try {
                db.read("listen for notifications", this::listen);
                failing = false;
            } catch (RuntimeException e) {
                setListening(false);
                if (!failing && !isClosed()) {
                    LOG.warn("the store's notification listener lost its connection ({}); waits fall back to their timeouts until it is back",
                            e.getMessage());
                }
                failing = true;
                pause();
            }
        }
    }

    private Void listen(Connection c) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            String handover;
            String credentials;
            try (var r = s.executeQuery(CHANNELS)) {
                r.next();
                handover = r.getString(1);
                credentials = r.getString(2);
            }
            s.execute("LISTEN \"" + handover + "\"");
            s.execute("LISTEN \"" + credentials + "\"");
            PGConnection pg = c.unwrap(PGConnection.class);
            setListening(true);
            try {
                while (!isClosed()) {
                    PGNotification[] notes = pg.getNotifications(POLL_MILLIS);
                    if (notes != null && notes.length > 0) {
                        deliver(notes, handover);
                    }
                }
            } finally {
                setListening(false);
                s.execute("UNLISTEN *");
            }
            return null;
        } finally {
            c.setAutoCommit(false);
        }
    }

    private void deliver(PGNotification[] notes, String handover) {
        lock.lock();
        try {
            for (PGNotification n : notes) {
                if (n.getName().equals(handover)) {
                    String to = n.getParameter();
                    raised.replaceAll((hub, was) -> was || hub.value().equals(to));
                } else {
                    credentialNotices++;
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Listening (again) may follow a time deaf to notifications: every waiter is woken to look for itself. */
    private void setListening(boolean now) {
        lock.lock();
        try {
            listening = now;
            stretch = now ? ++stretches : -1;
            if (now) {
                raised.replaceAll((hub, was) -> true);
                credentialNotices++;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    private void pause() {
        lock.lock();
        try {
            if (!closed) {
                changed.await(RETRY.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    private static long deadline(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        return System.nanoTime() + Math.min(timeout.toNanos(), TimeUnit.DAYS.toNanos(365));
    }
}
