/**
 * The store SPI: everything the hub must not forget, in four facets.
 *
 * <ul>
 *   <li>{@link io.resourcepool.api.spi.store.CredentialStore}: users, password hashes, failed-login counters
 *       and locks, sessions (by token hash only);</li>
 *   <li>{@link io.resourcepool.api.spi.store.NodeStore}: join tokens (by hash), enrolled nodes, their
 *       certificate serials, heartbeats and resources;</li>
 *   <li>{@link io.resourcepool.api.spi.store.JobStore}: jobs and their guarded state machine;</li>
 *   <li>{@link io.resourcepool.api.spi.store.AuditLog}: an append-only, hash-chained log;</li>
 *   <li>optionally, {@link io.resourcepool.api.spi.store.HubCoordination}: hub membership, node leases with
 *       fencing, a handover queue between hubs and a credential epoch, for stores several hubs may share.</li>
 * </ul>
 *
 * <p>Implementations must be safe for use by many threads at once, make each method one atomic step, and
 * pass the contract tests in {@code pool-testkit}. No method takes or returns a secret in clear: tokens are
 * stored and looked up by their SHA-256 hash.
 */
package io.resourcepool.api.spi.store;
