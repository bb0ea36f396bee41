package io.resourcepool.store.jdbc;

import io.resourcepool.api.JobId;
import io.resourcepool.api.PoolException;
import io.resourcepool.api.StoreException;
import io.resourcepool.api.spi.store.AuditLog;
import io.resourcepool.api.spi.store.CredentialStore;
import io.resourcepool.api.spi.store.HubCoordination;
import io.resourcepool.api.spi.store.JobStore;
import io.resourcepool.api.spi.store.JournalGroup;
import io.resourcepool.api.spi.store.NodeStore;
import io.resourcepool.api.spi.store.Store;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store over JDBC: plain SQL in four facets (five on PostgreSQL, with {@link #coordination()}), a {@link Dialect} for what differs between databases, and
 * forward-only {@link Migrations} run at {@link #open()}. Where the connections come from is a
 * {@link Connector}: a HikariCP pool for a server ({@link JdbcStoreProvider}), or one writer beside readers
 * for SQLite (the {@code sqlite} store).
 */
public final class JdbcStore implements Store {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);

    private enum Phase { NEW, OPEN, CLOSED }

    private final Dialect dialect;
    private final Connector connector;
    private final StoreLocation location;
    private final InstantSource clock;
    private final Database db;
    private final JdbcCredentialStore credentials;
    private final JdbcNodeStore nodes;
    private final JdbcJobStore jobs;
    private final JdbcAuditLog audit;
    private final Optional<JdbcHubCoordination> coordination;
    private Phase phase = Phase.NEW;

    /**
     * Makes a store; nothing is opened until {@link #open()}.
     *
     * @param dialect the database's dialect
     * @param connector opens the connections
     * @param location where the store is, for logs and messages
     * @param clock the time recorded with each migration
     */
    public JdbcStore(Dialect dialect, Connector connector, StoreLocation location, InstantSource clock) {
        this.dialect = Objects.requireNonNull(dialect, "dialect must be given");
        this.connector = Objects.requireNonNull(connector, "connector must be given");
        this.location = Objects.requireNonNull(location, "location must be given");
        this.clock = Objects.requireNonNull(clock, "clock must be given");
        this.db = new Database(dialect);
        this.credentials = new JdbcCredentialStore(db);
        this.nodes = new JdbcNodeStore(db);
        this.jobs = new JdbcJobStore(db);
        this.audit = new JdbcAuditLog(db);
        this.coordination = dialect.coordinatesHubs() ? Optional.of(new JdbcHubCoordination(db)) : Optional.empty();
    }

    /**
     * The newest schema version this code knows for a dialect.
     *
     * @param dialect the dialect
     * @return the version
     */
    public static int latestSchemaVersion(Dialect dialect) {
        return new Migrations(dialect, InstantSource.system()).latest();
    }

    /**
     * Writes the group's job changes and audit rows in one transaction: a hub stopped at any moment keeps both or neither.
     * Its conditions are checked first in that transaction ({@link JournalConditions}); when one does not hold, nothing
     * is written.
     */
    @Override
    public Set<JobId> record(JournalGroup group) {
        if (group.isEmpty()) {
            return Set.of();
        }
        return db.write("write " + group.size() + " job changes and audit rows", c -> {
            if (!JournalConditions.hold(c, dialect, group.conditions())) {
                return group.jobs();
            }
            // the order within the transaction does not matter; rows first, so that a refused job shows they go too
            if (!group.auditRows().isEmpty()) {
                audit.appendAll(c, group.auditRows());
            }
            return jobs.record(c, group);
        });
    }

    @Override
    public synchronized void open() {
        if (phase != Phase.NEW) {
            throw new StoreException(phase == Phase.OPEN ? "the store is already open" : "the store was closed; create a new one to open it again");
        }
        Connections connections = connect();
        try {
            int version = new Migrations(dialect, clock).apply(connections);
            db.attach(connections);
            phase = Phase.OPEN;
            LOG.info("opened the {} store (schema version {})", describe(), version);
        } catch (SQLException | RuntimeException e) {
            connections.close();
            throw e instanceof PoolException known ? known : OpenFailures.explain(e, dialect, location);
        }
    }

    private Connections connect() {
        try {
            return connector.connect();
        } catch (SQLException | RuntimeException e) {
            throw e instanceof PoolException known ? known : OpenFailures.explain(e, dialect, location);
        }
    }

    @Override
    public CredentialStore credentials() {
        return credentials;
    }

    @Override
    public NodeStore nodes() {
        return nodes;
    }

    @Override
    public JobStore jobs() {
        return jobs;
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    /** On PostgreSQL only; a store on another database keeps one hub per database. */
    @Override
    public Optional<HubCoordination> coordination() {
        return coordination.map(HubCoordination.class::cast);
    }

    @Override
    public String describe() {
        return location.describe();
    }

    @Override
    public synchronized void close() {
        phase = Phase.CLOSED;
        // its listener holds a connection of the pool: stop it before the pool closes
        coordination.ifPresent(JdbcHubCoordination::close);
        db.detach().ifPresent(Connections::close);
    }
}
