package io.resourcepool.api.spi.store;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * What several hubs sharing one database need from it to work together: who is live ({@link #hubs()}), which hub
 * holds each node ({@link #leases()}), messages between hubs ({@link #handover()}), and a way to tell that another
 * hub changed credentials ({@link #credentialEpoch()}). A store offers it through {@link Store#coordination()} only
 * where several hubs may share it; today the hub uses membership, node leases and the credential epoch, not the
 * handover queue.
 *
 * <p>Implementations must measure every lease by the database's clock, never a hub's, keep each method one atomic
 * step, and be safe for use by many threads. The waits ({@link HandoverQueue#await}, {@link #awaitCredentialChange})
 * may hold one connection of their own while the store is open; {@link Store#close()} ends them.
 */
public interface HubCoordination {

    /**
     * The hubs sharing the database.
     *
     * @return the facet
     */
    HubMembership hubs();

    /**
     * Node leases with fencing.
     *
     * @return the facet
     */
    NodeLeases leases();

    /**
     * Messages between hubs.
     *
     * @return the facet
     */
    HandoverQueue handover();

    /**
     * A number that grows with every committed change to users, sessions, lockouts, roles, passwords, second factors
     * and refresh tokens, made by any hub: a hub that keeps credentials in memory reads it, and drops what it kept
     * when the number has grown since. The change and the new number become visible together.
     *
     * @return the current epoch
     */
    long credentialEpoch();

    /**
     * Waits until the {@link #credentialEpoch() credential epoch} is larger than {@code seen}, or the timeout passes.
     * Returns at once when it already is.
     *
     * @param seen the epoch the caller's credentials are as of
     * @param timeout the longest wait
     * @return true when the epoch is larger than {@code seen}; false when the timeout passed first
     * @throws io.resourcepool.api.StoreException when interrupted (the interrupt flag is set again)
     */
    boolean awaitCredentialChange(long seen, Duration timeout);

    /**
     * Whether this store hears credential changes as they commit, and in which unbroken stretch of listening: a number
     * that stays the same while the store listens without a break, and is a new one each time it listens again after a
     * break (a change announced during a break is not heard); empty while it does not listen (before the first
     * {@link #awaitCredentialChange}, and while its listening connection is down). A hub keeps credentials in memory
     * only while this is present, and drops them when it changed. Reads no table: cheap enough for every request.
     *
     * @return the stretch of listening; empty while not listening
     */
    OptionalLong credentialListening();
}
