package io.resourcepool.api.spi.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Optional;

/**
 * The audit log's hash chain, the same for every store: each row's hash covers its sequence number, every
 * field of its event and the previous row's hash, so changing, removing or reordering a row breaks the chain
 * at that row.
 */
public final class AuditChain {
    /** The previous hash of the first row. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    /**
     * The hash of a row: SHA-256 over the sequence, each field (length-prefixed UTF-8, so no two different
     * rows encode the same) and the previous hash; lower-case hex.
     *
     * @param sequence the row's position
     * @param event the row's event
     * @param previousHash the previous row's hash
     * @return the hash
     */
    public static String hash(long sequence, AuditEvent event, String previousHash) {
        MessageDigest sha = sha256();
        sha.update(ByteBuffer.allocate(8).putLong(sequence).array());
        field(sha, Long.toString(event.at().getEpochSecond()) + "." + event.at().getNano());
        field(sha, event.actor());
        field(sha, event.action());
        field(sha, event.target());
        field(sha, event.sourceAddress());
        field(sha, event.detail());
        field(sha, previousHash);
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * Makes the entry that follows {@code previous}.
     *
     * @param previous the last entry so far, empty for the first
     * @param event the new event
     * @return the new entry
     */
    public static AuditEntry next(Optional<AuditEntry> previous, AuditEvent event) {
        long sequence = previous.map(p -> p.sequence() + 1).orElse(1L);
        String previousHash = previous.map(AuditEntry::hash).orElse(GENESIS);
        return new AuditEntry(sequence, event, previousHash, hash(sequence, event, previousHash));
    }

    /**
     * Checks a whole log, in sequence order, against the head the store recorded separately (the last
     * sequence number and hash), so that removing the newest rows is detected too.
     *
     * @param entries the rows in ascending sequence
     * @param head the last sequence and hash the store recorded, empty for an empty log
     * @return the verdict, naming the first row at fault
     */
    public static AuditVerification verify(Iterator<AuditEntry> entries, Optional<AuditHead> head) {
        long expected = 1;
        String previousHash = GENESIS;
        while (entries.hasNext()) {
            AuditEntry entry = entries.next();
            if (entry.sequence() != expected) {
                return AuditVerification.broken(expected - 1, expected,
                        "row " + expected + " is missing (the next row found is " + entry.sequence() + ")");
            }
            if (!entry.previousHash().equals(previousHash)) {
                return AuditVerification.broken(expected - 1, expected, "row " + expected + " does not link to row " + (expected - 1));
            }
            if (!hash(entry.sequence(), entry.event(), entry.previousHash()).equals(entry.hash())) {
                return AuditVerification.broken(expected - 1, expected, "row " + expected + " was changed after it was written");
            }
            previousHash = entry.hash();
            expected++;
        }
        long last = expected - 1;
        if (head.isPresent()) {
            AuditHead h = head.get();
            if (h.sequence() > last) {
                return AuditVerification.broken(last, last + 1, "rows " + (last + 1) + " to " + h.sequence() + " are missing");
            }
            if (h.sequence() < last || !h.hash().equals(previousHash)) {
                return AuditVerification.broken(last, h.sequence(), "row " + h.sequence() + " does not match the recorded head of the log");
            }
        } else if (last > 0) {
            return AuditVerification.broken(last, 1, "the log has rows but no recorded head");
        }
        return AuditVerification.intact(last);
    }

    private static void field(MessageDigest sha, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
