package io.resourcepool.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.StoreException;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.JobQuery;
import io.resourcepool.api.spi.store.JobRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SqliteBackup} on a store that is being written: each copy is whole, as of one instant, and private. */
class SqliteBackupTest {
    private static final int JOBS_PER_TRANSACTION = 10;

    @TempDir
    Path dir;

    @Test
    void copiesTakenWhileTransactionsCommitHoldWholeTransactionsOnly() throws Exception {
        Path live = dir.resolve("pool.db");
        List<SqliteBackup.Summary> copies = new ArrayList<>();
        AtomicInteger committed = new AtomicInteger();
        try (SqliteStore store = new SqliteStore(SqliteStoreConfig.of(live))) {
            store.open();
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = Thread.ofPlatform().name("writer").start(() -> {
                while (!stop.get()) {
                    List<JobRecord> batch = new ArrayList<>();
                    for (int i = 0; i < JOBS_PER_TRANSACTION; i++) {
                        batch.add(JobRecord.queued(JobId.random(), JobSpec.of("echo", "x"), "alice", Instant.now()));
                    }
                    store.jobs().createAll(batch);
                    store.audit().append(new AuditEvent(Instant.now(), "alice", "job.submitted", "", "", "batch"));
                    committed.incrementAndGet();
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> committed.get() >= 5);
            for (int i = 0; i < 5; i++) {
                copies.add(SqliteBackup.copy(live, dir.resolve("copy-" + i + ".db"), Duration.ofSeconds(5)));
                // the next copy starts after a transaction begun once this one had ended (the second counted from now:
                // the first may have committed before), however the threads are scheduled
                int seen = committed.get();
                await().atMost(Duration.ofSeconds(30)).until(() -> committed.get() > seen + 1);
            }
            stop.set(true);
            writer.join();
        }

        assertThat(copies.getLast().jobs()).as("the store was written while the copies were taken").isGreaterThan(copies.getFirst().jobs());
        for (SqliteBackup.Summary copy : copies) {
            assertThat(copy.jobs() % JOBS_PER_TRANSACTION).as("jobs in %s", copy.file()).isZero();
            assertThat(Files.getPosixFilePermissions(copy.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(copy.file().resolveSibling(copy.file().getFileName() + ".partial")).doesNotExist();
            try (SqliteStore restored = new SqliteStore(SqliteStoreConfig.of(copy.file()))) {
                restored.open();
                // a listing holds at most MAX_LIMIT jobs; a busy writer may have put more in the copy
                assertThat(restored.jobs().list(JobQuery.all(JobQuery.MAX_LIMIT))).hasSize((int) Math.min(copy.jobs(), JobQuery.MAX_LIMIT));
                assertThat(restored.audit().verify().intact()).isTrue();
                assertThat(restored.audit().verify().rowsChecked()).isEqualTo(copy.auditRows());
            }
        }
    }

    @Test
    void aMissingStoreIsNamedAndNothingIsWritten() {
        Path target = dir.resolve("copy.db");

        assertThatThrownBy(() -> SqliteBackup.copy(dir.resolve("absent.db"), target, Duration.ofSeconds(1)))
                .isInstanceOf(StoreException.class).hasMessageContaining("no SQLite store at").hasMessageContaining("absent.db");
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("copy.db.partial")).doesNotExist();
    }

    @Test
    void aFileThatIsNotADatabaseLeavesNoPartialCopy() throws Exception {
        Path notADatabase = Files.writeString(dir.resolve("notes.txt"), "not a database, but long enough to have a header ".repeat(10));
        Path target = dir.resolve("copy.db");

        assertThatThrownBy(() -> SqliteBackup.copy(notADatabase, target, Duration.ofSeconds(1))).isInstanceOf(StoreException.class)
                .hasMessageContaining("backup of");
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("copy.db.partial")).doesNotExist();
    }
}
