package io.resourcepool.http;

import static io.resourcepool.http.OpenApiContract.assertDocumented;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.AuditQuery;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin endpoints the dashboard's pages call, over real HTTPS with a real worker: drain, undrain and remove a
 * node; search the audit log by actor, action and time; verify its chain. Only admins may, and each action leaves
 * its audit row.
 */
class AdminPagesApiTest {
    @TempDir
    static Path dir;

    private static GatewayFixture pool;
    private static String admin;
    private static String carol;
    private static String victor;

    @BeforeAll
    static void start() {
        pool = GatewayFixture.start(dir);
        pool.addUser("carol", Role.COMPUTE_USER, Secret.of("carol-password-1"));
        pool.addUser("victor", Role.VIEWER, Secret.of("victor-password-1"));
        admin = pool.adminToken();
        carol = pool.login("carol", Secret.of("carol-password-1"));
        victor = pool.login("victor", Secret.of("victor-password-1"));
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @Test
    void onlyAnAdminDrainsUndrainsAndRemovesANodeAndEachIsAudited() throws Exception {
        NodeId node = pool.startWorker("pages-w", Map.of());
        String path = "/v1/nodes/" + node.value();
        for (String token : List.of(carol, victor)) {
            Reply refused = pool.postEmpty(path + "/drain", token);
            assertThat(refused.status()).isEqualTo(403);
            assertDocumented("POST", "/v1/nodes/{id}/drain", refused);
            assertThat(delete(path, token).status()).isEqualTo(403);
        }

        Reply drained = pool.postEmpty(path + "/drain", admin);
        assertThat(drained.status()).isEqualTo(204);
        assertDocumented("POST", "/v1/nodes/{id}/drain", drained);
        assertThat(nodeNamed(node).path("drained").asBoolean()).isTrue();
        Reply undrained = pool.postEmpty(path + "/undrain", admin);
        assertThat(undrained.status()).isEqualTo(204);
        assertDocumented("POST", "/v1/nodes/{id}/undrain", undrained);
        assertThat(nodeNamed(node).path("drained").asBoolean()).isFalse();

        Reply removed = delete(path, admin);
        assertThat(removed.status()).isEqualTo(204);
        assertDocumented("DELETE", "/v1/nodes/{id}", removed);
        Reply again = delete(path, admin);
        assertThat(again.status()).isEqualTo(404);
        assertDocumented("DELETE", "/v1/nodes/{id}", again);
        assertThat(delete("/v1/nodes/not%20a%20node", admin).status()).isEqualTo(404);

        assertThat(pool.store.audit().list(AuditQuery.latest(500))).extracting(e -> e.event().action() + " " + e.event().target())
                .contains("node.drained " + node.value(), "node.undrained " + node.value(), "node.removed " + node.value());
    }

    @Test
    void onlyAnAdminSearchesTheAuditLogByActorActionAndTime() {
        Instant before = pool.clock.instant();
        pool.clock.advance(Duration.ofMinutes(10));
        Instant later = pool.clock.instant();
        pool.login("victor", Secret.of("victor-password-1"));

        for (String token : List.of(carol, victor)) {
            Reply refused = pool.get("/v1/audit", token);
            assertThat(refused.status()).isEqualTo(403);
            assertDocumented("GET", "/v1/audit", refused);
        }
        Reply victors = pool.get("/v1/audit?actor=victor&action=login.&since=" + later, admin);
        assertThat(victors.status()).isEqualTo(200);
        assertDocumented("GET", "/v1/audit", victors);
        assertThat(victors.json().path("entries")).singleElement()
                .satisfies(e -> assertThat(e.path("action").asText()).isEqualTo("login.succeeded"));
        Reply earlier = pool.get("/v1/audit?actor=victor&since=" + before + "&limit=10", admin);
        assertThat(earlier.json().path("entries").size()).isEqualTo(2);
        Reply users = pool.get("/v1/audit?action=user.created&limit=500", admin);
        assertThat(users.json().path("entries").findValuesAsText("target")).contains("carol", "victor");

        Reply badTime = pool.get("/v1/audit?since=yesterday", admin);
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.json().path("field").asText()).isEqualTo("since");
        assertThat(pool.get("/v1/audit?limit=501", admin).status()).isEqualTo(400);
        assertThat(pool.get("/v1/audit?who=me", admin).status()).isEqualTo(400);
    }

    @Test
    void onlyAnAdminVerifiesTheAuditChainAndTheCheckIsAudited() {
        for (String token : List.of(carol, victor)) {
            Reply refused = pool.postEmpty("/v1/audit/verify", token);
            assertThat(refused.status()).isEqualTo(403);
            assertDocumented("POST", "/v1/audit/verify", refused);
        }

        Reply verdict = pool.postEmpty("/v1/audit/verify", admin);

        assertThat(verdict.status()).isEqualTo(200);
        assertDocumented("POST", "/v1/audit/verify", verdict);
        assertThat(verdict.json().path("intact").asBoolean()).isTrue();
        assertThat(verdict.json().path("firstBadRow").isNull()).isTrue();
        long rows = verdict.json().path("rowsChecked").asLong();
        assertThat(rows).isPositive();
        assertThat(pool.get("/v1/audit?action=audit.verified&limit=1", admin).json().path("entries").get(0).path("detail").asText())
                .isEqualTo("intact, " + rows + " row(s)");
    }

    private static Reply delete(String path, String token) {
        return pool.send(pool.request(path, token).DELETE().build());
    }

    private static JsonNode nodeNamed(NodeId node) {
        for (JsonNode n : pool.get("/v1/nodes", admin).json().path("nodes")) {
            if (n.path("id").asText().equals(node.value())) {
                return n;
            }
        }
        throw new AssertionError("node " + node + " is not listed");
    }
}
