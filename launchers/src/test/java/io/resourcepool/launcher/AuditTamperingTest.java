package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.store.AuditChain;
import io.resourcepool.api.spi.store.AuditEntry;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.api.spi.store.AuditVerification;
import io.resourcepool.api.spi.store.Store;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.store.sqlite.SqliteStoreProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An intruder who can write the hub's SQLite database, but not read its data directory's audit key, edits the
 * audit log with plain SQL while the hub runs: every way of hiding it is named by {@code verify}, through the
 * keyed chain or the signed checkpoints outside the database.
 */
class AuditTamperingTest {
    @TempDir
    Path dir;

    @Test
    void anEditedRowIsNamedByTheKeyedChain() throws Exception {
        try (LivePool pool = new LivePool(dir, Map.of()); PoolClient admin = busyAdmin(pool)) {
            assertThat(admin.admin().verifyAudit().intact()).isTrue();

            sql("UPDATE audit_log SET detail = 'nothing to see here' WHERE seq = 2");

            AuditVerification verdict = admin.admin().verifyAudit();
            assertThat(verdict.firstBadRow()).isEqualTo(OptionalLong.of(2));
            assertThat(verdict.problem()).contains("row 2 was changed after it was written");
        }
    }

    @Test
    void theNewestRowsDeletedWithTheHeadMovedBackAreNamedByTheCheckpoint() throws Exception {
        try (LivePool pool = new LivePool(dir, Map.of()); PoolClient admin = busyAdmin(pool)) {
            AuditVerification before = admin.admin().verifyAudit();
            long head = before.rowsChecked();

            List<AuditEntry> rows = rowsAsTheStoreReadsThem();
            AuditEntry kept = rows.stream().filter(r -> r.sequence() == head - 2).findFirst().orElseThrow();
            sql("DELETE FROM audit_log WHERE seq > " + kept.sequence(),
                    "UPDATE audit_head SET seq = " + kept.sequence() + ", hash = '" + kept.hash() + "' WHERE id = 1");

            AuditVerification verdict = admin.admin().verifyAudit();
            assertThat(verdict.firstBadRow()).isEqualTo(OptionalLong.of(head - 1));
            assertThat(verdict.problem()).contains("rows " + (head - 1) + " to " + head + " are missing", "checkpoint");
        }
    }

    @Test
    void theWholeChainRewrittenConsistentlyWithoutTheKeyIsNamed() throws Exception {
        try (LivePool pool = new LivePool(dir, Map.of()); PoolClient admin = busyAdmin(pool)) {
            assertThat(admin.admin().verifyAudit().intact()).isTrue();
            assertThat(Files.readString(dir.resolve("hub").resolve("audit-key.first-row"), StandardCharsets.UTF_8).strip())
                    .as("a new hub keys its log from the first row").isEqualTo("1");

            rewriteEveryRowWithPlainSha256(2, "nothing to see here");

            AuditVerification verdict = admin.admin().verifyAudit();
            assertThat(verdict.firstBadRow()).isEqualTo(OptionalLong.of(1));
            assertThat(verdict.problem()).contains("row 1 was changed after it was written (its keyed hash does not match)");
        }
    }

    /** An admin who made a few audit rows: logins, join tokens. */
    private static PoolClient busyAdmin(LivePool pool) {
        PoolClient admin = pool.admin();
        admin.admin().createJoinToken(Duration.ofMinutes(5));
        admin.admin().createJoinToken(Duration.ofMinutes(5));
        return admin;
    }

    /** What an intruder who knows the (public) algorithm but not the key can do: a chain that is consistent, unkeyed. */
    private void rewriteEveryRowWithPlainSha256(long edited, String detail) throws SQLException {
        List<AuditEntry> rows = rowsAsTheStoreReadsThem();
        String previous = AuditChain.GENESIS;
        try (Connection c = database(); PreparedStatement update = c.prepareStatement(
                "UPDATE audit_log SET detail = ?, previous_hash = ?, hash = ? WHERE seq = ?")) {
            c.setAutoCommit(false);
            for (AuditEntry row : rows) {
                AuditEvent e = row.event();
                AuditEvent forged = row.sequence() == edited ? new AuditEvent(e.at(), e.actor(), e.action(), e.target(), e.sourceAddress(), detail) : e;
                String hash = AuditChain.unkeyed().hash(row.sequence(), forged, previous);
                update.setString(1, forged.detail());
                update.setString(2, previous);
                update.setString(3, hash);
                update.setLong(4, row.sequence());
                update.executeUpdate();
                previous = hash;
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE audit_head SET seq = " + rows.getLast().sequence() + ", hash = '" + previous + "' WHERE id = 1");
            }
            c.commit();
        }
    }

    /** The rows in ascending order, read through a second store on the same file, so their times are as hashed. */
    private List<AuditEntry> rowsAsTheStoreReadsThem() {
        try (Store store = new SqliteStoreProvider().create(ProviderConfig.of("sqlite", "store", dir.resolve("hub")))) {
            store.open();
            return store.audit().list(AuditQuery.latest(10_000)).reversed();
        }
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = database(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.executeUpdate(statement);
            }
        }
    }

    private Connection database() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hub").resolve("pool.db"));
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
        }
        return c;
    }
}
