package io.resourcepool.launcher.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.Role;
import io.resourcepool.api.spi.store.JobOutcome;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.store.JobStore;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.launcher.config.Settings;
import io.resourcepool.launcher.hub.HubRuntime;
import io.resourcepool.store.sqlite.SqliteBackup;
import io.resourcepool.transport.tls.PeerTrust;
import io.resourcepool.transport.tls.TlsTransport;
import io.resourcepool.transport.tls.TlsTransportConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes the upgrade fixtures under {@code launchers/src/test/resources/upgrade/}. Not part of a normal test run; to
 * remake them (and, before a release that adds a schema version, to add the fixture of the version being left):
 *
 * <pre>
 * ./build -q -pl launchers test -Dtest=UpgradeFixtureWriter -Dupgrade.fixtures.write=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>The newest fixture is written by this code through a real hub: users and audit rows by logging in and adding a
 * user over TLS, jobs through the hub's store. Each older schema version is reconstructed from the one after it by
 * undoing what that later migration added ({@link #UNDO}; the rows of the earlier tables are written the same way
 * since), which gives the database a hub of that version left behind. A new migration {@code V(N+1).sql} adds its
 * undo here and {@code N+1} to {@link UpgradeFixture#VERSIONS}.
 */
@EnabledIfSystemProperty(named = "upgrade.fixtures.write", matches = "true",
        disabledReason = "writes the committed fixtures; run with -Dupgrade.fixtures.write=true to remake them")
class UpgradeFixtureWriter {
    /** For each schema version after the first, the SQLite statements that take a database of it back to the one before. */
    private static final Map<Integer, List<String>> UNDO = Map.of(
            2, List.of("DROP TABLE mfa_recovery_codes", "DROP TABLE user_mfa"),
            3, List.of("ALTER TABLE users DROP COLUMN password_change_required"),
            4, List.of("DROP TABLE refresh_tokens"),
            5, List.of("ALTER TABLE jobs DROP COLUMN earlier_gpu_time", "ALTER TABLE jobs DROP COLUMN gpus"),
            // SQLite's version 6 changes nothing (the tables for several hubs are PostgreSQL's only)
            6, List.of());

    /** The hub's data directory, whose audit key goes beside every fixture: its rows are keyed from the first. */
    private static Path auditKeyDirectory;

    @Test
    void writeFixtures(@TempDir Path dir) throws IOException, SQLException {
        List<Integer> versions = UpgradeFixture.VERSIONS;
        int newest = versions.get(versions.size() - 1);
        auditKeyDirectory = dir.resolve("hub");
        Path database = write(auditKeyDirectory);
        copyInto(database, newest);
        for (int version = newest - 1; version >= versions.get(0); version--) {
            Path older = dir.resolve("v" + version + ".db");
            Files.copy(database, older);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + older); Statement s = c.createStatement()) {
                for (String statement : UNDO.get(version + 1)) {
                    s.execute(statement);
                }
                s.execute("DELETE FROM schema_version WHERE version > " + version);
            }
            copyInto(older, version);
            database = older;
        }
    }

    private static Path write(Path data) {
        Settings settings = Settings.load(Optional.empty(), Map.of("hub.bind", "127.0.0.1:0", "hub.data-dir", data.toString(),
                "auth.bcrypt-cost", "10", "retention.jobs", "0"), Map.of());
        try (HubRuntime hub = HubRuntime.start(settings, Optional.of(UpgradeFixture.ADMIN_PASSWORD));
                TlsTransport transport = new TlsTransport(TlsTransportConfig.client(PeerTrust.pinned(CertificateFingerprint.parse(hub.caFingerprint()))))) {
            try (PoolClient admin = PoolClient.connect(transport, hub.address()).login("admin", UpgradeFixture.ADMIN_PASSWORD)) {
                admin.admin().addUser("dana", Role.COMPUTE_USER, UpgradeFixture.DANA_PASSWORD);
                admin.admin().createJoinToken(Duration.ofHours(1));
            }
            PoolClient.connect(transport, hub.address()).login("dana", UpgradeFixture.DANA_PASSWORD).close();
            jobs(hub.store().jobs());
        }
        return data.resolve("pool.db");
    }

    private static void jobs(JobStore jobs) {
        Instant at = Instant.parse("2026-12-01T12:00:00Z");
        NodeId node = NodeId.of("fixture-worker");
        jobs.create(JobRecord.queued(UpgradeFixture.SUCCEEDED, JobSpec.of("echo", "fixture"), "dana", at));
        jobs.markRunning(UpgradeFixture.SUCCEEDED, 1, node, at);
        jobs.finish(UpgradeFixture.SUCCEEDED, new JobOutcome(1, JobState.SUCCEEDED, Optional.of(0), Bytes.utf8(UpgradeFixture.OUTPUT), "", at));
        jobs.create(JobRecord.queued(UpgradeFixture.FAILED, JobSpec.of("false"), "dana", at));
        jobs.markRunning(UpgradeFixture.FAILED, 1, node, at);
        jobs.finish(UpgradeFixture.FAILED, new JobOutcome(1, JobState.FAILED, Optional.of(1), Bytes.EMPTY, "", at));
        jobs.create(JobRecord.queued(UpgradeFixture.QUEUED, JobSpec.of("echo", "later"), "dana", at));
    }

    /** A compact copy, as a backup would make, so the committed file is small and needs no -wal beside it. */
    private static void copyInto(Path database, int version) throws IOException {
        Path target = UpgradeFixture.RESOURCES.resolve(UpgradeFixture.directory(version)).resolve("pool.db");
        Files.createDirectories(target.getParent());
        Files.deleteIfExists(target);
        SqliteBackup.Summary copy = SqliteBackup.copy(database, target, Duration.ofSeconds(5));
        assertThat(copy.schemaVersion()).isEqualTo(version);
        for (String keyFile : UpgradeFixture.AUDIT_KEY_FILES) {
            Files.copy(auditKeyDirectory.resolve(keyFile), target.resolveSibling(keyFile), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
