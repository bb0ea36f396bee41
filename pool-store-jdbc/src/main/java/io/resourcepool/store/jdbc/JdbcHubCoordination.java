package io.resourcepool.store.jdbc;

import io.resourcepool.api.spi.store.HandoverQueue;
import io.resourcepool.api.spi.store.HubCoordination;
import io.resourcepool.api.spi.store.HubMembership;
import io.resourcepool.api.spi.store.NodeLeases;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What several hubs on one PostgreSQL share, in the tables of schema version 6: membership, node leases, the handover
 * queue, and the credential epoch, which a trigger on every credential table bumps in the writing transaction (so no
 * write path of the store, or of anyone else, can forget it) and announces on a channel when it commits.
 */
final class JdbcHubCoordination implements HubCoordination, AutoCloseable {
    private final Database db;
    private final PostgresListener listener;
    private final JdbcHubMembership hubs;
    private final JdbcNodeLeases leases;
    private final JdbcHandoverQueue handover;

    JdbcHubCoordination(Database db) {
        this.db = db;
        this.listener = new PostgresListener(db);
        this.hubs = new JdbcHubMembership(db);
        this.leases = new JdbcNodeLeases(db);
        this.handover = new JdbcHandoverQueue(db, listener);
    }

    @Override
    public HubMembership hubs() {
        return hubs;
    }

    @Override
    public NodeLeases leases() {
        return leases;
    }

    @Override
    public HandoverQueue handover() {
        return handover;
    }

    @Override
    public long credentialEpoch() {
        return db.queryOne("read the credential epoch", "SELECT epoch FROM credential_epoch WHERE id = 1", Database.Binding.NONE,
                r -> r.getLong(1)).orElseThrow();
    }

    @Override
    public boolean awaitCredentialChange(long seen, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must be given");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            // read the count of notices before the epoch: a change committed after the read is then a notice after it
            long notices = listener.credentialNotices(left(deadline));
            if (credentialEpoch() > seen) {
                return true;
            }
            if (notices < 0 || !listener.awaitCredentialNotice(notices, left(deadline))) {
                return credentialEpoch() > seen;
            }
        }
    }

    @Override
    public OptionalLong credentialListening() {
        return listener.listeningStretch();
    }

    /** Stops the listener; the store closes the connections. */
    @Override
    public void close() {
        listener.close();
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
