package io.resourcepool.api.spi.store;

import java.util.Objects;

/**
 * One row of the audit log: an event, its place in the log, and its link in the hash chain.
 *
 * @param sequence its position, from 1, without gaps
 * @param event what happened
 * @param previousHash the hash of the row before (64 zeros for the first)
 * @param hash {@link AuditChain#hash(long, AuditEvent, String)} of this row
 */
public record AuditEntry(long sequence, AuditEvent event, String previousHash, String hash) {
    /** Checks the fields. */
    public AuditEntry {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be at least 1, was " + sequence);
        }
        Objects.requireNonNull(event, "event must be given");
        Objects.requireNonNull(previousHash, "previousHash must be given");
        Objects.requireNonNull(hash, "hash must be given");
    }
}
