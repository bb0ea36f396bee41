package io.resourcepool.store.jdbc;

import io.resourcepool.api.HubId;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.HubCoordination;
import io.resourcepool.testkit.store.TestDatabase;
import io.resourcepool.testkit.store.TestServer;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Two jdbc stores, each with its own connection pool, opened on one fresh PostgreSQL schema: two hubs sharing a
 * database, as far as the store can tell. Skips (or, with {@code POOL_TEST_DATABASES=required} as CI sets it, fails)
 * when no PostgreSQL is reachable.
 */
final class TwoHubs implements AutoCloseable {
    final TestDatabase database;
    final JdbcStore storeA;
    final JdbcStore storeB;
    final HubCoordination a;
    final HubCoordination b;

    TwoHubs() {
        database = TestServer.POSTGRESQL.createDatabase();
        storeA = ServerStoreContractTest.storeOn(database);
        storeB = ServerStoreContractTest.storeOn(database);
        storeA.open();
        storeB.open();
        a = storeA.coordination().orElseThrow();
        b = storeB.coordination().orElseThrow();
    }

    /** A hub name no other test uses, so that tests sharing the schema (or the database's channels) stay apart. */
    static HubId newHub(String prefix) {
        return HubId.of(prefix + "-" + suffix());
    }

    /** A node name no other test uses. */
    static NodeId newNode() {
        return NodeId.of("node-" + suffix());
    }

    /** Makes a lease, or a hub's membership, run out now, as if its time had passed. */
    void expire(String table, String keyColumn, String key) {
        database.execute("UPDATE " + table + " SET lease_until = (EXTRACT(EPOCH FROM now()) * 1000000)::bigint - 1 WHERE "
                + keyColumn + " = '" + key + "'");
    }

    @Override
    public void close() {
        try (database) {
            storeA.close();
            storeB.close();
        }
    }

    private static String suffix() {
        byte[] bytes = new byte[5];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
