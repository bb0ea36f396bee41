package io.resourcepool.core.auth;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.KeySeal;
import io.resourcepool.api.spi.store.AuditChain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that keys the audit log's hash chain and signs its checkpoints: 32 random bytes in the file
 * {@value #FILE_NAME} of the hub's data directory (mode 0600), made on first start, never in the database.
 * Beside it, {@value #FIRST_ROW_FILE} holds the first row hashed with the key: rows an older hub wrote before
 * the key existed stay plain SHA-256 (the cut-over). Someone who can write the database but not read this
 * file cannot recompute the chain after an edit.
 */
public final class AuditKey {
    /** The key file's name inside the data directory. */
    public static final String FILE_NAME = "audit-key";
    /** The file that records the first keyed row. */
    public static final String FIRST_ROW_FILE = "audit-key.first-row";

    private static final KeyFile FILE = new KeyFile(FILE_NAME, 32,
            "the audit log's keyed rows and checkpoints can then no longer be verified");

    private final byte[] key;
    private final long firstKeyedRow;

    private AuditKey(byte[] key, long firstKeyedRow) {
        this.key = key;
        this.firstKeyedRow = firstKeyedRow;
    }

    /**
     * Reads the key and its first row, or makes both when there is no key: the first keyed row is then the
     * row the log will write next.
     *
     * @param dataDir the hub's data directory
     * @param nextRow the sequence number the audit log will give its next row
     * @return the key
     * @throws ConfigurationException when the files cannot be read or written, or the first-row file is missing
     */
    public static AuditKey openOrCreate(Path dataDir, LongSupplier nextRow) {
        return openOrCreate(dataDir, nextRow, KeySeal.none());
    }

    /**
     * Reads or makes the key as {@link #openOrCreate(Path, LongSupplier)} does, with the key file sealed under a
     * key kept outside the data directory.
     *
     * @param dataDir the hub's data directory
     * @param nextRow the sequence number the audit log will give its next row
     * @param seal the seal of the key file
     * @return the key
     */
    public static AuditKey openOrCreate(Path dataDir, LongSupplier nextRow, KeySeal seal) {
        Path keyFile = dataDir.resolve(FILE_NAME);
        Path firstRowFile = dataDir.resolve(FIRST_ROW_FILE);
        try {
            if (!Files.exists(keyFile)) {
                // the cut-over is written before the key: a hub stopped between the two writes it again next time
                Files.createDirectories(dataDir);
                Files.writeString(firstRowFile, Long.toString(nextRow.getAsLong()) + "\n", StandardCharsets.UTF_8);
            }
            byte[] key = FILE.openOrCreate(dataDir, seal);
            if (!Files.exists(firstRowFile)) {
                throw new ConfigurationException("the audit key " + keyFile + " is there but " + firstRowFile + " is not; restore it from a"
                        + " backup (it holds the first audit row hashed with the key, 1 for a hub that had the key from its first start)");
            }
            return new AuditKey(key, Long.parseLong(Files.readString(firstRowFile, StandardCharsets.UTF_8).trim()));
        } catch (IOException | NumberFormatException e) {
            throw new ConfigurationException("cannot read or write " + firstRowFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * A key that lives only in memory, keying every row, for tests and embedding.
     *
     * @return a random key
     */
    public static AuditKey inMemory() {
        return new AuditKey(FILE.random(), 1);
    }

    /**
     * The chain this key keys.
     *
     * @return the keyed chain, plain SHA-256 before {@link #firstKeyedRow()}
     */
    public AuditChain chain() {
        return AuditChain.keyed(new SecretKeySpec(key, "HmacSHA256"), firstKeyedRow);
    }

    /**
     * The first row hashed with the key.
     *
     * @return its sequence number
     */
    public long firstKeyedRow() {
        return firstKeyedRow;
    }

    /**
     * The key that signs checkpoints, derived from this one so the chain's key is never used for two things.
     *
     * @return an HMAC-SHA256 key
     */
    public SecretKey checkpointKey() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal("resourcepool audit checkpoint".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "AuditKey[hidden, first keyed row " + firstKeyedRow + "]";
    }
}
