package io.resourcepool.store.sqlite;

import io.resourcepool.api.spi.store.Store;
import io.resourcepool.testkit.store.AuditTampering;
import io.resourcepool.testkit.store.StoreContract;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on SQLite, each test in a file of its own in a temporary directory. */
class SqliteStoreTest extends StoreContract {
    private static final AtomicInteger FILES = new AtomicInteger();

    @TempDir
    Path directory;

    private Path file;

    @Override
    public Store newStore() {
        file = directory.resolve("store-" + FILES.incrementAndGet() + ".db");
        return new SqliteStore(SqliteStoreConfig.of(file));
    }

    @Override
    public AuditTampering tampering(Store open) {
        SqliteFile byHand = new SqliteFile(file);
        return new AuditTampering() {
            @Override
            public void changeDetail(long sequence, String detail) {
                byHand.execute("UPDATE audit_log SET detail = '" + detail.replace("'", "''") + "' WHERE seq = " + sequence);
            }

            @Override
            public void deleteRow(long sequence) {
                byHand.execute("DELETE FROM audit_log WHERE seq = " + sequence);
            }

            @Override
            public void rewriteHashes(long sequence, String previousHash, String hash) {
                byHand.execute("UPDATE audit_log SET previous_hash = '" + previousHash + "', hash = '" + hash + "' WHERE seq = " + sequence);
            }

            @Override
            public void moveHead(long sequence, String hash) {
                byHand.execute("UPDATE audit_head SET seq = " + sequence + ", hash = '" + hash + "' WHERE id = 1");
            }
        };
    }
}
