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

    /**
     * Overwrites the hashes of one row, as an intruder recomputing the chain after an edit would.
     *
     * @param sequence the row
     * @param previousHash the new previous hash
     * @param hash the new hash
     */
    void rewriteHashes(long sequence, String previousHash, String hash);

    /**
     * Overwrites the recorded head, as an intruder hiding removed rows would.
     *
     * @param sequence the new last sequence number
     * @param hash its hash
     */
    void moveHead(long sequence, String hash);
}
