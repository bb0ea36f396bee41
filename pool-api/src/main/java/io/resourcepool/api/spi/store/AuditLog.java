package io.resourcepool.api.spi.store;

import java.util.List;

/**
 * The append-only audit log. Rows are only ever added; {@link #verify()} checks that none was changed or
 * removed since.
 */
public interface AuditLog {

    /**
     * Appends an event, linking it into the hash chain; safe under concurrent appends (rows are numbered
     * without gaps in the order they commit).
     *
     * @param event what happened
     * @return the row written
     */
    AuditEntry append(AuditEvent event);

    /**
     * Appends several events in order, in one transaction where the store has them. The default appends them
     * one by one; stores override it to batch.
     *
     * @param events what happened, in order
     * @return the rows written, in the same order
     */
    default List<AuditEntry> appendAll(List<AuditEvent> events) {
        return events.stream().map(this::append).toList();
    }

    /**
     * Lists rows, newest first.
     *
     * @param query the filters
     * @return the rows
     */
    List<AuditEntry> list(AuditQuery query);

    /**
     * Checks every row against the hash chain and the recorded head, with {@link AuditChain#verify}.
     *
     * @return the verdict, naming the first row at fault
     */
    default AuditVerification verify() {
        return verify(AuditWitness.NONE);
    }

    /**
     * Checks every row against the hash chain, the recorded head and a record kept outside the database, with
     * {@link AuditChain#verify(java.util.Iterator, java.util.Optional, AuditWitness)}, over one consistent
     * snapshot of the rows.
     *
     * @param witness the outside record, used for this verification only
     * @return the verdict, naming the first row at fault
     */
    AuditVerification verify(AuditWitness witness);

    /**
     * Chooses the chain new rows are hashed with and every row is checked against; until called, a store uses
     * {@link AuditChain#unkeyed()}. The hub calls it once, after {@link Store#open()} and before its first
     * append. A store must use the chain it is given for every later append and verification: ignoring it would
     * leave the log open to a consistent rewrite.
     *
     * @param chain the chain
     */
    void useChain(AuditChain chain);
}
