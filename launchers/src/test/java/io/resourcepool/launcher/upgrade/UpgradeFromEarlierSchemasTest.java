package io.resourcepool.launcher.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.JobState;
import io.resourcepool.api.spi.store.AuditVerification;
import io.resourcepool.core.client.JobInfo;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.client.UserInfo;
import io.resourcepool.launcher.LivePool;
import io.resourcepool.store.jdbc.JdbcStore;
import io.resourcepool.store.sqlite.SqliteDialect;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub's data directory left by each earlier schema version (the committed fixtures; see {@link UpgradeFixtureWriter}
 * for how they are made) opens with this code: it migrates to the newest schema, and the users (password login), jobs
 * (listing, state, output) and the audit log (whole, still verifiable) are all there.
 */
class UpgradeFromEarlierSchemasTest {
    static final java.util.List<Integer> VERSIONS = UpgradeFixture.VERSIONS;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "schema version {0}")
    @FieldSource("VERSIONS")
    void dataDirectoryOfAnEarlierVersionOpensWithItsUsersJobsAndAudit(int version) throws IOException, SQLException {
        Path data = Files.createDirectories(dir.resolve("hub"));
        try (InputStream fixture = getClass().getResourceAsStream("/upgrade/" + UpgradeFixture.directory(version) + "/pool.db")) {
            assertThat(fixture).as("the committed fixture of schema version %d", version).isNotNull();
            Files.copy(fixture, data.resolve("pool.db"));
        }
        boolean keyed = copyAuditKey(version, data);
        assertThat(schemaVersion(data.resolve("pool.db"))).isEqualTo(version);

        try (LivePool pool = new LivePool(dir, Map.of("retention.jobs", "0"));
                PoolClient dana = pool.connect().login("dana", UpgradeFixture.DANA_PASSWORD);
                PoolClient admin = pool.connect().login("admin", UpgradeFixture.ADMIN_PASSWORD)) {
            JobInfo succeeded = dana.job(UpgradeFixture.SUCCEEDED);
            assertThat(succeeded.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(succeeded.outputTail().asUtf8()).isEqualTo(UpgradeFixture.OUTPUT);
            assertThat(succeeded.command()).containsExactly("echo", "fixture");
            assertThat(dana.job(UpgradeFixture.FAILED).exitCode()).contains(1);
            assertThat(dana.job(UpgradeFixture.QUEUED).state()).isEqualTo(JobState.QUEUED);
            assertThat(dana.jobs(io.resourcepool.api.spi.store.JobQuery.all(10))).extracting(JobInfo::id)
                    .containsExactlyInAnyOrderElementsOf(UpgradeFixture.JOBS);
            assertThat(admin.admin().users()).extracting(UserInfo::username).containsExactly("admin", "dana");
            AuditVerification audit = admin.admin().verifyAudit();
            assertThat(audit.intact()).as(audit.problem()).isTrue();
            assertThat(audit.rowsChecked()).as("the fixture's five rows and this test's logins").isGreaterThanOrEqualTo(7);
            assertThat(Files.readString(data.resolve("audit-key.first-row")).strip())
                    .as(keyed ? "the fixture's hub keyed its log from the first row"
                            : "the fixture's rows stay plain SHA-256; the hub keys its log from the next row on")
                    .isEqualTo(keyed ? "1" : "6");
        }
        assertThat(schemaVersion(data.resolve("pool.db"))).isEqualTo(JdbcStore.latestSchemaVersion(new SqliteDialect()));
    }

    /** Copies the fixture's audit key beside its database, where its hub had one; says whether it had. */
    private boolean copyAuditKey(int version, Path data) throws IOException {
        boolean keyed = false;
        for (String keyFile : UpgradeFixture.AUDIT_KEY_FILES) {
            try (InputStream in = getClass().getResourceAsStream("/upgrade/" + UpgradeFixture.directory(version) + "/" + keyFile)) {
                if (in != null) {
                    Files.copy(in, data.resolve(keyFile));
                    keyed = true;
                }
            }
        }
        return keyed;
    }

    private static int schemaVersion(Path database) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            r.next();
            return r.getInt(1);
        }
    }
}
