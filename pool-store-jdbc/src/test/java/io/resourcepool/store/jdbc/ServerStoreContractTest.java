package io.resourcepool.store.jdbc;

import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.AuditChain;
import io.resourcepool.api.spi.store.Store;
import io.resourcepool.testkit.store.AuditTampering;
import io.resourcepool.testkit.store.StoreContract;
import io.resourcepool.testkit.store.TestDatabase;
import io.resourcepool.testkit.store.TestServer;
import java.sql.SQLException;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

/**
 * The store contract on a database server, in a schema or database of its own that is migrated once and
 * emptied before each test. The stores of one class share one connection pool, because opening connections
 * to a server costs more than most tests; each store still runs its own open (schema check) and close.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerStoreContractTest extends StoreContract {
    private TestDatabase database;
    private Connections shared;
    private String unavailable;

    abstract TestServer server();

    @BeforeAll
    void createDatabase() throws SQLException {
        try {
            database = server().createDatabase();
        } catch (TestAbortedException e) {
            // skipped test by test below, so that every skipped test's report says how to run it
            unavailable = e.getMessage();
            return;
        }
        try (Store first = storeOn(database)) {
            first.open();
        }
        shared = new HikariConnector(config(database)).connect();
    }

    @BeforeEach
    void skipWithoutServer() {
        Assumptions.assumeTrue(unavailable == null, unavailable);
    }

    @AfterAll
    void dropDatabase() {
        if (shared != null) {
            shared.close();
        }
        if (database != null) {
            database.close();
        }
    }

    static JdbcStoreConfig config(TestDatabase database) {
        return JdbcStoreConfig.of(database.url(), database.user(), database.password().map(Secret::of));
    }

    static JdbcStore storeOn(TestDatabase database) {
        var config = config(database);
        return new JdbcStore(Dialect.forUrl(config.url()), new HikariConnector(config), config.location(), InstantSource.system());
    }

    @Override
    public Store newStore() {
        empty(database);
        var config = config(database);
        return new JdbcStore(Dialect.forUrl(config.url()), () -> new Borrowed(shared), config.location(), InstantSource.system());
    }

    static void empty(TestDatabase database) {
        database.execute("DELETE FROM sessions", "DELETE FROM users", "DELETE FROM join_tokens", "DELETE FROM nodes", "DELETE FROM jobs",
                "DELETE FROM audit_log", "UPDATE audit_head SET seq = 0, hash = '" + AuditChain.GENESIS + "'");
    }

    @Override
    public AuditTampering tampering(Store open) {
        return new AuditTampering() {
            @Override
            public void changeDetail(long sequence, String detail) {
                database.execute("UPDATE audit_log SET detail = '" + detail.replace("'", "''") + "' WHERE seq = " + sequence);
            }

            @Override
            public void deleteRow(long sequence) {
                database.execute("DELETE FROM audit_log WHERE seq = " + sequence);
            }

            @Override
            public void rewriteHashes(long sequence, String previousHash, String hash) {
                database.execute("UPDATE audit_log SET previous_hash = '" + previousHash + "', hash = '" + hash + "' WHERE seq = " + sequence);
            }

            @Override
            public void moveHead(long sequence, String hash) {
                database.execute("UPDATE audit_head SET seq = " + sequence + ", hash = '" + hash + "' WHERE id = 1");
            }
        };
    }

    /** The class's pool, lent to one store, which must not close it. */
    private record Borrowed(Connections pool) implements Connections {
        @Override
        public <T> T read(SqlWork<T> work) throws SQLException {
            return pool.read(work);
        }

        @Override
        public <T> T write(SqlWork<T> work) throws SQLException {
            return pool.write(work);
        }

        @Override
        public void close() {}
    }
}
