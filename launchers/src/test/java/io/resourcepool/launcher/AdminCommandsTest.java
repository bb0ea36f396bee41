package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.core.client.JoinTokenGrant;
import io.resourcepool.core.client.NodeInfo;
import io.resourcepool.core.client.AuditRow;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.launcher.PoolCli.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pool admin audit}, {@code pool admin user unlock|revoke-sessions}, {@code pool admin node remove|drain|undrain},
 * {@code pool admin join-token list|revoke} and {@code pool passwd}, in process, against a real pool.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminCommandsTest {
    private Path dir;
    private LivePool pool;

    private PoolCli cli;

    @BeforeAll
    void startPool(@TempDir Path tempDir) throws IOException {
        dir = tempDir;
        // these tests lock accounts on purpose, all from 127.0.0.1: the per-address limit would answer "busy" first
        pool = new LivePool(dir, Map.of("auth.login-failures-per-address", "1000"));
        cli = new PoolCli(pool, dir);
        try (PoolClient admin = pool.admin()) {
            admin.admin().addUser("dana", Role.COMPUTE_USER, Secret.of("dana-password"));
            admin.admin().addUser("erin", Role.VIEWER, Secret.of("erin-password"));
        }
        login("admin", LivePool.ADMIN_PASSWORD.reveal());
    }

    @AfterAll
    void stopPool() {
        pool.close();
    }

    @Test
    void auditVerifyPassesUntilARowIsChangedInTheDatabaseThenNamesIt() throws SQLException {
        Outcome intact = pool("admin", "audit", "verify");
        assertThat(intact.exitCode()).as(intact.toString()).isZero();
        assertThat(intact.out()).as(intact.toString()).contains("audit log intact");

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hub").resolve("pool.db"));
                Statement sql = db.createStatement()) {
            assertThat(sql.executeUpdate("UPDATE audit_log SET detail = 'nothing happened' WHERE seq = 2")).isEqualTo(1);
        }

        Outcome broken = pool("admin", "audit", "verify");
        assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(1);
        assertThat(broken.err()).as(broken.toString()).contains("NOT intact", "row 2 was changed", "first bad row 2;");
    }

    @Test
    void nodesLongShowsEachNodesHostHeartbeatSandboxAndCertificateExpiry() throws Exception {
        NodeId node = pool.enrollWorker("long-view");

        Outcome nodes = pool("nodes", "--long");

        assertThat(nodes.exitCode()).as(nodes.toString()).isZero();
        assertThat(nodes.out()).as(nodes.toString()).contains(node + ":", "host            long-view", "sandbox         plain process: no namespaces",
                "certificate     valid until ");
    }

    @Test
    void auditListsRowsAsATableFilteredByActorAndAction() {
        Outcome listed = pool("admin", "audit", "--actor", "admin", "--action", "user.", "--limit", "10");
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        List<String> lines = listed.out().lines().toList();
        assertThat(lines.get(0)).contains("SEQ", "TIME", "ACTOR", "ACTION", "TARGET", "SOURCE", "DETAIL");
        assertThat(lines.subList(1, lines.size())).isNotEmpty().allSatisfy(l -> assertThat(l).contains("admin", "user."));
        assertThat(listed.out()).contains("dana", "erin").doesNotContain("login.succeeded");
    }

    @Test
    void auditKeepsToRowsSinceATime() {
        Outcome future = pool("admin", "audit", "--since", java.time.Instant.now().plusSeconds(3600).toString());
        assertThat(future.exitCode()).as(future.toString()).isZero();
        assertThat(future.out().lines().count()).as("the header alone").isEqualTo(1);
        Outcome past = pool("admin", "audit", "--action", "user.", "--since", "2000-01-01T00:00:00Z");
        assertThat(past.out()).contains("dana", "erin");
        Outcome bad = pool("admin", "audit", "--since", "yesterday");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("--since must be an ISO-8601 UTC time");
    }

    @Test
    void otherRolesAreRefusedTheAuditLog() {
        login("erin", "erin-password");
        Outcome refused = pool("admin", "audit", "--session", "erin");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).as(refused.toString()).contains("needs the admin role; erin has viewer");
    }

    @Test
    void unlockLiftsALockAndRevokeSessionsEndsOpenConnections() {
        try (PoolClient stranger = pool.connect()) {
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> stranger.login("dana", Secret.of("guessed-password"))).isInstanceOf(AuthenticationException.class);
            }
        }
        Outcome unlocked = pool("admin", "user", "unlock", "dana");
        assertThat(unlocked.exitCode()).as(unlocked.toString()).isZero();
        assertThat(unlocked.out()).contains("unlocked user dana");

        try (PoolClient dana = pool.connect().login("dana", Secret.of("dana-password"))) {
            assertThat(dana.nodes()).isEmpty();
            Outcome revoked = pool("admin", "user", "revoke-sessions", "dana");
            assertThat(revoked.exitCode()).as(revoked.toString()).isZero();
            assertThatThrownBy(dana::nodes).isInstanceOf(AuthenticationException.class).hasMessageContaining("log in again");
        }
    }

    @Test
    void roleChangesARoleAndRemoveRemovesAUserWithTheirAuditRows() {
        try (PoolClient admin = pool.admin()) {
            admin.admin().addUser("rory", Role.VIEWER, Secret.of("rory-password"));
            admin.admin().addUser("gail", Role.VIEWER, Secret.of("gail-password"));
        }
        Outcome promoted = pool("admin", "user", "role", "rory", "compute-user");
        assertThat(promoted.exitCode()).as(promoted.toString()).isZero();
        assertThat(promoted.out()).contains("user rory is compute-user from their next request on");
        Outcome removed = pool("admin", "user", "remove", "gail");
        assertThat(removed.exitCode()).as(removed.toString()).isZero();
        assertThat(removed.out()).contains("removed user gail");
        Outcome unknownRole = pool("admin", "user", "role", "rory", "wizard");
        assertThat(unknownRole.exitCode()).as(unknownRole.toString()).isNotZero();
        assertThat(unknownRole.err()).contains("role 'wizard' is unknown");
        Outcome self = pool("admin", "user", "remove", "admin");
        assertThat(self.exitCode()).as(self.toString()).isNotZero();
        assertThat(self.err()).contains("you cannot remove your own account");

        try (PoolClient admin = pool.admin()) {
            assertThat(admin.admin().users()).extracting(u -> u.username() + " " + u.role().wireName())
                    .contains("rory compute-user").noneMatch(u -> u.startsWith("gail"));
            assertThat(admin.admin().audit("admin", "user.", 50)).extracting(row -> row.action() + " " + row.target())
                    .contains("user.role-changed rory", "user.removed gail");
        }
    }

    @Test
    void resetPasswordMakesTheUserChooseANewOneAtTheirNextLogin() {
        try (PoolClient admin = pool.admin()) {
            admin.admin().addUser("hana", Role.COMPUTE_USER, Secret.of("hana-password"));
        }
        Outcome reset = pool("admin", "user", "reset-password", "hana", "--password-file", secretFile("hana-temporary").toString());
        assertThat(reset.exitCode()).as(reset.toString()).isZero();
        assertThat(reset.out()).contains("reset the password of hana");

        Outcome login = cli.tryLogin("hana", "hana-temporary");
        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(login.err()).contains("an admin reset your password: choose a new one now with `pool passwd`");
        Outcome refused = pool("nodes", "--session", "hana");
        assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
        assertThat(refused.err()).contains("an admin reset your password");
        Outcome changed = pool("passwd", "--current-password-file", secretFile("hana-temporary").toString(),
                "--new-password-file", secretFile("hana-own-password").toString(), "--session", "hana");
        assertThat(changed.exitCode()).as(changed.toString()).isZero();
        Outcome nodes = pool("nodes", "--session", "hana");
        assertThat(nodes.exitCode()).as(nodes.toString()).isZero();
        try (PoolClient admin = pool.admin()) {
            assertThat(admin.admin().audit("admin", "user.password-reset", 5)).extracting(AuditRow::target).contains("hana");
        }
    }

    @Test
    void passwdChangesTheOwnPasswordAndKeepsTheSavedSessionWorking() throws IOException {
        try (PoolClient admin = pool.admin()) {
            admin.admin().addUser("fred", Role.VIEWER, Secret.of("fred-password"));
        }
        login("fred", "fred-password");
        Outcome changed = pool("passwd", "--current-password-file", secretFile("fred-password").toString(),
                "--new-password-file", secretFile("fred-new-password").toString(), "--session", "fred");
        assertThat(changed.exitCode()).as(changed.toString()).isZero();
        assertThat(changed.out()).contains("password changed for fred");

        Outcome nodes = pool("nodes", "--session", "fred");
        assertThat(nodes.exitCode()).as(nodes.toString()).isZero();
        try (PoolClient client = pool.connect()) {
            assertThatThrownBy(() -> client.login("fred", Secret.of("fred-password"))).isInstanceOf(AuthenticationException.class);
            client.login("fred", Secret.of("fred-new-password"));
        }
    }

    @Test
    void nodeDrainUndrainAndRemoveWorkFromTheCommandLine() throws Exception {
        NodeId node = pool.enrollWorker("cli-node");

        Outcome drained = pool("admin", "node", "drain", node.value());
        assertThat(drained.exitCode()).as(drained.toString()).isZero();
        assertThat(drained.out()).contains("drained node " + node);
        try (PoolClient admin = pool.admin()) {
            assertThat(admin.nodes()).filteredOn(n -> n.id().equals(node)).singleElement().extracting(NodeInfo::drained).isEqualTo(true);
        }
        Outcome undrained = pool("admin", "node", "undrain", node.value());
        assertThat(undrained.exitCode()).as(undrained.toString()).isZero();
        try (PoolClient admin = pool.admin()) {
            assertThat(admin.nodes()).filteredOn(n -> n.id().equals(node)).singleElement().extracting(NodeInfo::drained).isEqualTo(false);
        }

        Outcome removed = pool("admin", "node", "remove", node.value());
        assertThat(removed.exitCode()).as(removed.toString()).isZero();
        assertThat(removed.out()).contains("removed node " + node);
        try (PoolClient admin = pool.admin()) {
            assertThat(admin.nodes()).extracting(NodeInfo::id).doesNotContain(node);
        }
        Outcome again = pool("admin", "node", "remove", node.value());
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(1);
        assertThat(again.err()).as(again.toString()).contains("unknown node '" + node + "'");
    }

    @Test
    void joinTokensAreListedWithoutTheSecretAndRevokedFromTheCommandLine() {
        JoinTokenGrant grant = pool.joinToken(Duration.ofMinutes(5));

        Outcome listed = pool("admin", "join-token", "list");
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(listed.out().lines().findFirst().orElseThrow()).contains("ID", "CREATED BY", "STATE", "EXPIRES", "USED BY");
        assertThat(listed.out()).as(listed.toString()).containsPattern(grant.id() + " +admin +usable").doesNotContain(grant.token().reveal());

        Outcome revoked = pool("admin", "join-token", "revoke", grant.id());
        assertThat(revoked.exitCode()).as(revoked.toString()).isZero();
        assertThat(revoked.out()).contains("revoked join token " + grant.id());
        assertThat(pool("admin", "join-token", "list").out()).containsPattern(grant.id() + " +admin +revoked");

        Outcome again = pool("admin", "join-token", "revoke", grant.id());
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(1);
        assertThat(again.err()).as(again.toString()).contains("no unused join token '" + grant.id() + "'");
    }

    private Outcome pool(String... args) {
        return cli.run(args);
    }

    private void login(String user, String password) {
        cli.login(user, password);
    }

    private Path secretFile(String secret) {
        return cli.secretFile(secret);
    }
}
