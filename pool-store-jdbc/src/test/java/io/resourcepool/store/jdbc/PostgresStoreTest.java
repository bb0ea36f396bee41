package io.resourcepool.store.jdbc;

import io.resourcepool.testkit.store.TestServer;

/** The store contract on PostgreSQL. */
class PostgresStoreTest extends ServerStoreContractTest {
    @Override
    TestServer server() {
        return TestServer.POSTGRESQL;
    }
}
