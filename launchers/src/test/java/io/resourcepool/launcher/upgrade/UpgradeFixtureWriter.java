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
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.launcher.config.Settings;
import io.resourcepool.launcher.hub.HubRuntime;
import io.resourcepool.store.sqlite.SqliteBackup;
import io.resourcepool.transport.tls.CertificateFingerprint;
import io.resourcepool.transport.tls.PeerTrust;
import io.resourcepool.transport.tls.TlsTransport;
import io.resourcepool.transport.tls.TlsTransportConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
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
 * user over TLS, jobs through the hub's store. Older schema versions are reconstructed from it by undoing what the
 * later migrations added (version 2 only added the two second-factor tables, and the rows of the version 1 tables
 * are written the same way since), which gives the database a version 1 hub left behind.
 */
@EnabledIfSystemProperty(named = "upgrade.fixtures.write", matches = "true",
        disabledReason = "writes the committed fixtures; run with -Dupgrade.fixtures.write=true to remake them")
class UpgradeFixtureWriter {

    @Test
    void writeFixtures(@TempDir Path dir) throws IOException, SQLException {
        Path newest = write(dir.resolve("hub"));
        copyInto(newest, 2);
        Path v1 = dir.resolve("v1.db");
        Files.copy(newest, v1);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + v1); Statement s = c.createStatement()) {
            s.execute("DROP TABLE mfa_recovery_codes");
            s.execute("DROP TABLE user_mfa");
            s.execute("DELETE FROM schema_version WHERE version > 1");
        }
        copyInto(v1, 1);
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
    }
}
