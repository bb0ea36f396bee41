/**
 * The JDBC store: one {@link io.resourcepool.api.spi.store.Store} over any JDBC database, with a small
 * {@link io.resourcepool.store.jdbc.Dialect} for each of PostgreSQL, MariaDB and SQLite and forward-only
 * schema migrations run at open. The {@code jdbc} provider connects to a server through HikariCP; the
 * {@code sqlite} store (its own module) reuses everything here with one writer connection.
 *
 * <p>Conventions of the schema: times are microseconds since 1970 in BIGINT columns; text compares byte by
 * byte; values without columns of their own (a job's command and environment, a node's resources and labels)
 * are kept in a strict, versioned text encoding; the audit log's last row is recorded apart in
 * {@code audit_head}.
 */
package io.resourcepool.store.jdbc;
