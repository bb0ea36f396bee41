package io.resourcepool.api.spi.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * The audit log's hash chain, the same for every store: each row's hash covers its sequence number, every
 * field of its event and the previous row's hash, so changing, removing or reordering a row breaks the chain
 * at that row.
 *
 * <p>An unkeyed chain ({@link #unkeyed()}, plain SHA-256) only shows accidents: anyone who can write the
 * database can recompute it after an edit. A keyed chain ({@link #keyed}) uses HMAC-SHA256 under a key kept
 * outside the database for every row from {@code firstKeyedRow} on, so an edit made without the key shows
 * even when the whole chain was rewritten consistently. Rows before {@code firstKeyedRow} (written by an older
 * hub, before the key existed) stay SHA-256 and still verify; the first keyed row covers their last hash, so
 * rewriting them breaks it.
 */
public final class AuditChain {
    /** The previous hash of the first row. */
    public static final String GENESIS = "0".repeat(64);

    private static final AuditChain UNKEYED = new AuditChain(Optional.empty(), Long.MAX_VALUE);

    private final Optional<SecretKey> key;
    private final long firstKeyedRow;

    private AuditChain(Optional<SecretKey> key, long firstKeyedRow) {
        this.key = key;
        this.firstKeyedRow = firstKeyedRow;
    }

    /**
     * The chain without a key: SHA-256 for every row, as before keyed chains existed.
     *
     * @return the chain
     */
    public static AuditChain unkeyed() {
        return UNKEYED;
    }

    /**
     * A chain keyed from one row on.
     *
     * @param key an HMAC-SHA256 key, kept outside the database
     * @param firstKeyedRow the first row hashed with the key; earlier rows are plain SHA-256
     * @return the chain
     */
    public static AuditChain keyed(SecretKey key, long firstKeyedRow) {
        Objects.requireNonNull(key, "key must be given");
        if (firstKeyedRow < 1) {
            throw new IllegalArgumentException("firstKeyedRow must be at least 1, was " + firstKeyedRow);
        }
        return new AuditChain(Optional.of(key), firstKeyedRow);
    }

    /**
     * The first row hashed with the key.
     *
     * @return its sequence number, empty for an unkeyed chain
     */
    public Optional<Long> firstKeyedRow() {
        return key.map(k -> firstKeyedRow);
    }

    /**
     * The hash of a row: SHA-256, or HMAC-SHA256 from the first keyed row on, over the sequence, each field
     * (length-prefixed UTF-8, so no two different rows encode the same) and the previous hash; lower-case hex.
     *
     * @param sequence the row's position
     * @param event the row's event
     * @param previousHash the previous row's hash
     * @return the hash
     */
    public String hash(long sequence, AuditEvent event, String previousHash) {
        Digest digest = key.isPresent() && sequence >= firstKeyedRow ? new Digest(hmac(key.get())) : new Digest(sha256());
        digest.update(ByteBuffer.allocate(8).putLong(sequence).array());
        digest.field(Long.toString(event.at().getEpochSecond()) + "." + event.at().getNano());
        digest.field(event.actor());
        digest.field(event.action());
        digest.field(event.target());
        digest.field(event.sourceAddress());
        digest.field(event.detail());
        digest.field(previousHash);
        return HexFormat.of().formatHex(digest.finish());
    }

    /**
     * Makes the entry that follows {@code previous}.
     *
     * @param previous the last entry so far, empty for the first
     * @param event the new event
     * @return the new entry
     */
    public AuditEntry next(Optional<AuditEntry> previous, AuditEvent event) {
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
    public AuditVerification verify(Iterator<AuditEntry> entries, Optional<AuditHead> head) {
        return verify(entries, head, AuditWitness.NONE);
    }

    /**
     * Checks a whole log as {@link #verify(Iterator, Optional)} does, and each intact row against a record
     * kept outside the database, which catches what the chain alone cannot (the newest rows removed and the
     * head moved back to match).
     *
     * @param entries the rows in ascending sequence
     * @param head the last sequence and hash the store recorded, empty for an empty log
     * @param witness the outside record
     * @return the verdict, naming the first row at fault
     */
    public AuditVerification verify(Iterator<AuditEntry> entries, Optional<AuditHead> head, AuditWitness witness) {
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
                return AuditVerification.broken(expected - 1, expected, "row " + expected + " was changed after it was written"
                        + (entry.sequence() >= firstKeyedRow ? " (its keyed hash does not match)" : ""));
            }
            Optional<String> disagreement = witness.check(entry);
            if (disagreement.isPresent()) {
                return AuditVerification.broken(expected - 1, expected, disagreement.get());
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
        return witness.end(last).orElse(AuditVerification.intact(last));
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return key.isPresent() ? "AuditChain[keyed from row " + firstKeyedRow + "]" : "AuditChain[unkeyed]";
    }

    /** SHA-256 or HMAC-SHA256 behind one face. */
    private record Digest(Object engine) {
        void update(byte[] bytes) {
            if (engine instanceof Mac mac) {
                mac.update(bytes);
            } else {
                ((MessageDigest) engine).update(bytes);
            }
        }

        void field(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            update(bytes);
        }

        byte[] finish() {
            return engine instanceof Mac mac ? mac.doFinal() : ((MessageDigest) engine).digest();
        }
    }

    private static Mac hmac(SecretKey key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256, and the audit key must suit it", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
