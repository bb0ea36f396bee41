package io.resourcepool.api.spi.store;

import io.resourcepool.api.JobId;
import java.util.Set;

import java.util.Optional;

/**
 * The hub's durable state. Obtain one from a {@link StoreProvider}, call {@link #open()} once, use the
 * facets from any thread, then {@link #close()}.
 */
public interface Store extends AutoCloseable {

    /**
     * Connects, and brings the schema up to date by running the forward-only migrations this code knows.
     *
     * @throws io.resourcepool.api.StoreException when the database cannot be reached or opened, or its schema
     *     is newer than this code; the message says what to do and holds no secret
     */
    void open();

    /**
     * Users, lockout and sessions.
     *
     * @return the facet
     */
    CredentialStore credentials();

    /**
     * Join tokens and nodes.
     *
     * @return the facet
     */
    NodeStore nodes();

    /**
     * Jobs.
     *
     * @return the facet
     */
    JobStore jobs();

    /**
     * The audit log.
     *
     * @return the facet
     */
    AuditLog audit();

    /**
     * Writes one group of the hub's job journal: its new jobs, starts, ends and requeues, then its audit rows. A store
     * with transactions must write the whole group in one, so that a hub stopped at any moment leaves each change with
     * its audit row, or neither; the default writes the parts one after the other through the facets, for stores
     * that keep no transactions across them (an ended job may then lack its audit row after a crash).
     *
     * <p>A start applies only to a job that is {@code QUEUED} at that attempt, a requeue only to one {@code RUNNING} at
     * that attempt; one that does not (another hub sharing the store started, ended or requeued it first) is left as it
     * is and named in the answer, so that the caller does not send the job to its node. The rest of the group is
     * written all the same.
     *
     * <p>The group's {@link JournalGroup#conditions() conditions} are checked first, in the same transaction, and must
     * keep holding until it commits: a {@link JournalCondition.LeaseHeld} by locking the lease so that it cannot change
     * hands meanwhile (a store without {@link #coordination()} has one hub, for which it always holds), a
     * {@link JournalCondition.StillIn} by locking the job. When one does not hold, <em>nothing</em> of the group is
     * written, not even its audit rows, and the answer names {@linkplain JournalGroup#jobs() every job of the group}.
     * The default checks them through the facets a moment before it writes, without that guarantee; a store several
     * hubs share must override it.
     *
     * @param group what to write; nothing is written for an empty group
     * @return the jobs of the group's starts and requeues that did not apply, or every job of the group when a
     *     condition did not hold; empty when everything applied
     * @throws io.resourcepool.api.StoreException when the store fails; with transactions, nothing of the group was kept
     */
    default Set<JobId> record(JournalGroup group) {
        for (JournalCondition condition : group.conditions()) {
            boolean holds = switch (condition) {
                case JournalCondition.LeaseHeld held ->
                        coordination().map(c -> c.leases().stillHolds(held.node(), held.hub(), held.token())).orElse(true);
                case JournalCondition.StillIn in -> jobs().find(in.job())
                        .filter(job -> job.state() == in.state() && job.attempt() == in.attempt()).isPresent();
            };
            if (!holds) {
                return group.jobs();
            }
        }
        if (!group.creates().isEmpty()) {
            jobs().createAll(group.creates());
        }
        Set<JobId> moved = new java.util.HashSet<>(group.starts().isEmpty() ? Set.of() : jobs().markRunningAll(group.starts()));
        if (!group.finishes().isEmpty()) {
            jobs().finishAll(group.finishes());
        }
        for (JobStore.JobRequeue requeue : group.requeues()) {
            if (jobs().requeue(requeue.id(), requeue.attempt(), requeue.reason(), requeue.at())) {
                moved.add(requeue.id());
            }
        }
        if (!group.auditRows().isEmpty()) {
            audit().appendAll(group.auditRows());
        }
        return JournalGroup.notApplied(group, moved);
    }

    /**
     * What several hubs sharing this store need to work together, where the store can be shared: the jdbc store on
     * PostgreSQL offers it; a store for one hub only (SQLite, MariaDB, in memory) does not. The default is empty.
     *
     * @return the facet, or empty when only one hub may use this store
     */
    default Optional<HubCoordination> coordination() {
        return Optional.empty();
    }

    /**
     * A one-line description for logs, without secrets: for example {@code sqlite /var/lib/pool/pool.db}.
     *
     * @return the description
     */
    String describe();

    /** Releases connections and files. Idempotent. */
    @Override
    void close();
}
