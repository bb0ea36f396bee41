package io.resourcepool.testkit.store;

import io.resourcepool.api.spi.store.Store;

/** What a contract needs to know about the store implementation it tests. */
public interface StoreUnderTest {
    /**
     * Makes a new, empty, unopened store. Called once per test.
     *
     * @return the store
     */
    Store newStore();

    /**
     * Removes what a test left behind after its store was closed (a schema, a database, a file). Nothing by
     * default.
     *
     * @param closed the closed store
     */
    default void discard(Store closed) {}

    /**
     * A way to edit the audit log of the given open store behind its back.
     *
     * @param open the store under test
     * @return the tampering
     */
    AuditTampering tampering(Store open);
}
