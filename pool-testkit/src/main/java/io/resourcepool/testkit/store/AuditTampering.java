package io.resourcepool.testkit.store;

/**
 * How a test edits a store's audit log behind its back, as an intruder with access to the database would:
 * without fixing the hash chain.
 */
public interface AuditTampering {
    /**
     * Overwrites the detail of one row.
     *
     * @param sequence the row
     * @param detail the new detail
     */
    void changeDetail(long sequence, String detail);

    /**
     * Deletes one row.
     *
     * @param sequence the row
     */
    void deleteRow(long sequence);
}
