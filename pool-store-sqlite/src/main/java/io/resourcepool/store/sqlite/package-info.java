/**
 * The default embedded store: {@link io.resourcepool.store.sqlite.SqliteStore}, one SQLite file in the hub's
 * data directory in WAL mode with one writer, registered as the {@code sqlite} store provider.
 */
package io.resourcepool.store.sqlite;
