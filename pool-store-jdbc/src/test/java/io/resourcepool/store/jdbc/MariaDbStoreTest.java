package io.resourcepool.store.jdbc;

import io.resourcepool.testkit.store.TestServer;

/** The store contract on MariaDB. */
class MariaDbStoreTest extends ServerStoreContractTest {
    @Override
    TestServer server() {
        return TestServer.MARIADB;
    }
}
