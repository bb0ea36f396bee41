package io.resourcepool.store.sqlite;

import io.resourcepool.api.spi.store.ForwardingStore;
import io.resourcepool.store.jdbc.JdbcStore;
import io.resourcepool.store.jdbc.StoreLocation;
import java.time.InstantSource;

/**
 * The default embedded store: one SQLite file (by default {@code pool.db} in the hub's data directory), with
 * the JDBC store's SQL and migrations, needing no set-up.
 *
 * <p>How the file is opened, and why:
 * <ul>
 *   <li><b>WAL journal</b>: readers never wait for the writer, and a commit appends to the log instead of
 *       rewriting pages.</li>
 *   <li><b>{@code synchronous=NORMAL}</b>: in WAL mode a commit is durable once it is in the log, which
 *       survives the hub crashing or being killed; only a power cut or kernel crash can lose the last
 *       transactions (never corrupting the file), and the log is synced at every checkpoint. {@code FULL}
 *       would also sync the log at every commit, costing a disk flush per job state change for protection
 *       only against power loss; a deployment that needs that should run PostgreSQL.</li>
 *   <li><b>One writer</b>: writes queue on a lock in this process and go through a single connection, so
 *       SQLite's own lock is never contended and {@code SQLITE_BUSY} does not happen; reads use a small pool.</li>
 *   <li><b>Foreign keys on</b> and a <b>busy timeout</b> (5 s by default) for other processes that open the
 *       file, such as the {@code sqlite3} shell or a backup.</li>
 * </ul>
 */
public final class SqliteStore extends ForwardingStore {

    /**
     * Makes a store on a file, opened by {@link #open()}.
     *
     * @param config the file and settings
     */
    public SqliteStore(SqliteStoreConfig config) {
        this(config, InstantSource.system());
    }

    /**
     * Makes a store on a file, opened by {@link #open()}.
     *
     * @param config the file and settings
     * @param clock the time recorded with schema migrations
     */
    public SqliteStore(SqliteStoreConfig config, InstantSource clock) {
        super(new JdbcStore(new SqliteDialect(), new SqliteConnector(config),
                new StoreLocation("sqlite", config.file().toAbsolutePath().toString(), ""), clock));
    }
}
