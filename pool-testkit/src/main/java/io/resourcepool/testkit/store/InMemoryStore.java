package io.resourcepool.testkit.store;

import io.resourcepool.api.JobId;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.AuditHead;
import io.resourcepool.api.StoreException;
import io.resourcepool.api.spi.store.AuditLog;
import io.resourcepool.api.spi.store.CredentialStore;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.store.JobStore;
import io.resourcepool.api.spi.store.JournalGroup;
import io.resourcepool.api.spi.store.NodeStore;
import io.resourcepool.api.spi.store.Store;
import java.util.Set;

/**
 * A thread-safe fake of the whole store SPI, kept in memory, for unit tests of the hub and its parts. It
 * behaves as the Javadoc of each facet says and passes the same {@link StoreContract} as the real stores:
 * guarded job transitions, single-use join tokens, an audit log with a real hash chain. Like a real store,
 * its facets work only between {@link #open()} and {@link #close()}. Nothing survives {@code close()}.
 *
 * <p>Two extra methods, {@link #tamperWithAuditRow} and {@link #removeAuditRow}, let a test play the
 * intruder who edits the audit log behind the store's back.
 */
public final class InMemoryStore implements Store {
    private final OpenState state = new OpenState();
    private final InMemoryCredentialStore credentials = new InMemoryCredentialStore(state);
    private final InMemoryNodeStore nodes = new InMemoryNodeStore(state);
    private final InMemoryJobStore jobs = new InMemoryJobStore(state);
    private final InMemoryAuditLog audit = new InMemoryAuditLog(state);

    /** Makes an empty, unopened store. */
    public InMemoryStore() {}

    /**
     * Makes an empty store, already open: a shortcut for tests that do not care about the life cycle.
     *
     * @return the open store
     */
    public static InMemoryStore opened() {
        InMemoryStore store = new InMemoryStore();
        store.open();
        return store;
    }

    @Override
    public void open() {
        state.open();
    }

    @Override
    public CredentialStore credentials() {
        return credentials;
    }

    @Override
    public NodeStore nodes() {
        return nodes;
    }

    @Override
    public JobStore jobs() {
        return jobs;
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    /** As a transaction would: a group with a new job whose id exists already is refused before anything is kept. */
    @Override
    public Set<JobId> record(JournalGroup group) {
        for (JobRecord job : group.creates()) {
            if (jobs.find(job.id()).isPresent()) {
                throw new StoreException("a job with id " + job.id() + " exists already; nothing was stored");
            }
        }
        return Store.super.record(group);
    }

    @Override
    public String describe() {
        return "in-memory store (nothing is kept after close)";
    }

    @Override
    public void close() {
        state.close();
    }

    /**
     * Replaces the event of an audit row without fixing the hash chain, as someone editing the database by
     * hand would.
     *
     * @param sequence the row to change
     * @param event what it should say instead
     * @return false when there is no such row
     */
    public boolean tamperWithAuditRow(long sequence, AuditEvent event) {
        return audit.tamper(sequence, event);
    }

    /**
     * Removes an audit row without fixing the hash chain or the recorded head.
     *
     * @param sequence the row to remove
     * @return false when there is no such row
     */
    public boolean removeAuditRow(long sequence) {
        return audit.remove(sequence);
    }

    /**
     * Replaces the hashes of an audit row, as someone recomputing the chain by hand would.
     *
     * @param sequence the row to change
     * @param previousHash its new previous hash
     * @param hash its new hash
     * @return false when there is no such row
     */
    public boolean rewriteAuditHashes(long sequence, String previousHash, String hash) {
        return audit.rewrite(sequence, previousHash, hash);
    }

    /**
     * Replaces the recorded head of the audit log.
     *
     * @param head the new head
     */
    public void moveAuditHead(AuditHead head) {
        audit.moveHead(head);
    }
}
