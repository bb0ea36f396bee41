package io.resourcepool.http;

import static io.resourcepool.http.OpenApiContract.assertDocumented;
import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint, called by an admin, a compute user and a viewer: each allowed or refused as the hub's roles say
 * (the gateway decides nothing itself), and every answer, allowed or refused, as the OpenAPI document describes it.
 */
class ApiRolesTest {
    @TempDir
    static Path dir;

    private static GatewayFixture pool;
    private static Map<String, String> tokens;
    private static String carolsJob;

    /** One endpoint as the table calls it. */
    private record Call(String method, String template, String path, String body) {
        static Call get(String template, String path) {
            return new Call("GET", template, path, "");
        }

        static Call post(String template, String path, String body) {
            return new Call("POST", template, path, body);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        pool = GatewayFixture.start(dir);
        pool.startWorker("roles-w", Map.of());
        pool.addUser("carol", Role.COMPUTE_USER, Secret.of("carol-password-1"));
        pool.addUser("victor", Role.VIEWER, Secret.of("victor-password-1"));
        pool.addUser("dora", Role.VIEWER, Secret.of("dora-password-1"));
        tokens = new LinkedHashMap<>();
        tokens.put("admin", pool.adminToken());
        tokens.put("compute-user", pool.login("carol", Secret.of("carol-password-1")));
        tokens.put("viewer", pool.login("victor", Secret.of("victor-password-1")));
        carolsJob = pool.post("/v1/run", tokens.get("compute-user"), "{\"command\":[\"true\"]}").json().path("id").asText();
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    private static Reply call(Call call, String token) {
        HttpRequest.Builder request = pool.request(call.path(), token);
        if (call.path().endsWith("/output")) {
            // the stream of an ended job ends by itself; only its status and headers matter here
            try {
                HttpResponse<String> r = pool.http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
                return new Reply(r.statusCode(), r.headers(), r.statusCode() == 200 ? "" : r.body());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        if (call.method().equals("GET")) {
            return pool.send(request.GET().build());
        }
        if (call.method().equals("DELETE")) {
            return pool.send(request.DELETE().build());
        }
        if (call.body().isEmpty()) {
            return pool.send(request.POST(HttpRequest.BodyPublishers.noBody()).build());
        }
        return pool.send(request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(call.body())).build());
    }

    /** Calls each endpoint as each role and checks the statuses: admin, compute user, viewer. */
    private static void check(Map<Call, List<Integer>> table) {
        SoftAssertions soft = new SoftAssertions();
        table.forEach((call, expected) -> {
            for (String role : List.of("viewer", "compute-user", "admin")) {
                int wanted = expected.get(List.of("admin", "compute-user", "viewer").indexOf(role));
                Reply reply = call(call, tokens.get(role));
                soft.assertThat(reply.status()).as(role + ": " + call.method() + " " + call.path() + " -> " + reply).isEqualTo(wanted);
                if (!call.path().endsWith("/output") || reply.status() != 200) {
                    assertDocumented(call.method(), call.template(), reply);
                }
            }
        });
        soft.assertAll();
    }

    @Test
    void everyoneReadsThePool() {
        check(Map.of(
                Call.get("/v1/nodes", "/v1/nodes"), List.of(200, 200, 200),
                Call.get("/v1/aggregate", "/v1/aggregate"), List.of(200, 200, 200),
                Call.get("/v1/aggregate/history", "/v1/aggregate/history"), List.of(200, 200, 200),
                Call.get("/v1/openapi.json", "/v1/openapi.json"), List.of(200, 200, 200)));
    }

    @Test
    void computeUsersAndAdminsRunJobsAndViewersMayNot() {
        check(Map.of(
                Call.post("/v1/jobs", "/v1/jobs", "{\"command\":[\"true\"]}"), List.of(202, 202, 403),
                Call.post("/v1/run", "/v1/run", "{\"command\":[\"true\"]}"), List.of(200, 200, 403)));
    }

    @Test
    void aJobIsItsOwnersAndTheAdminsToSeeAndNobodyElses() {
        check(Map.of(
                Call.get("/v1/jobs", "/v1/jobs"), List.of(200, 200, 200),
                Call.get("/v1/jobs", "/v1/jobs?owner=carol"), List.of(200, 200, 403),
                Call.get("/v1/jobs/{id}", "/v1/jobs/" + carolsJob), List.of(200, 200, 404),
                Call.get("/v1/jobs/{id}/output", "/v1/jobs/" + carolsJob + "/output"), List.of(200, 200, 404),
                Call.post("/v1/jobs/{id}/cancel", "/v1/jobs/" + carolsJob + "/cancel", ""), List.of(409, 409, 403)));
    }

    @Test
    void onlyAdminsManageUsers() {
        check(Map.of(
                Call.get("/v1/users", "/v1/users"), List.of(200, 403, 403),
                Call.post("/v1/users/{username}/unlock", "/v1/users/victor/unlock", ""), List.of(204, 403, 403),
                Call.post("/v1/users/{username}/revoke-sessions", "/v1/users/dora/revoke-sessions", ""), List.of(204, 403, 403)));
        for (String role : List.of("viewer", "compute-user")) {
            Reply refused = call(Call.post("/v1/users", "/v1/users", "{\"username\":\"by-" + role + "\",\"role\":\"viewer\",\"password\":\"password-123\"}"),
                    tokens.get(role));
            assertThat(refused.status()).as(role).isEqualTo(403);
        }
        Reply added = call(Call.post("/v1/users", "/v1/users", "{\"username\":\"erin\",\"role\":\"viewer\",\"password\":\"password-123\"}"),
                tokens.get("admin"));
        assertThat(added.status()).isEqualTo(201);
        assertDocumented("POST", "/v1/users", added);
        assertThat(added.header("Location")).contains("/v1/users/erin");
    }

    @Test
    void onlyAdminsRemoveUsersAndChangeRolesAndBothAreAudited() {
        pool.addUser("rhea", Role.VIEWER, Secret.of("rhea-password-1"));
        pool.addUser("rufus", Role.VIEWER, Secret.of("rufus-password-1"));
        String rufus = pool.login("rufus", Secret.of("rufus-password-1"));

        check(Map.of(
                Call.post("/v1/users/{username}/role", "/v1/users/rhea/role", "{\"role\":\"compute-user\"}"), List.of(204, 403, 403),
                new Call("DELETE", "/v1/users/{username}", "/v1/users/rufus", ""), List.of(204, 403, 403)));

        Reply users = call(Call.get("/v1/users", "/v1/users"), tokens.get("admin"));
        assertThat(users.body()).contains("\"username\":\"rhea\",\"role\":\"compute-user\"").doesNotContain("rufus");
        assertThat(call(Call.get("/v1/nodes", "/v1/nodes"), rufus).status()).as("a removed user's token").isEqualTo(401);
        assertThat(pool.store.audit().list(io.resourcepool.api.spi.store.AuditQuery.latest(500)))
                .extracting(e -> e.event().action() + " " + e.event().target())
                .contains("user.role-changed rhea", "user.removed rufus");
        Reply unknownRole = call(Call.post("/v1/users/{username}/role", "/v1/users/rhea/role", "{\"role\":\"wizard\"}"), tokens.get("admin"));
        assertThat(unknownRole.status()).isEqualTo(400);
        assertThat(unknownRole.body()).contains("role 'wizard' is unknown");
        Reply self = call(new Call("DELETE", "/v1/users/{username}", "/v1/users/admin", ""), tokens.get("admin"));
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.body()).contains("you cannot remove your own account");
        assertDocumented("DELETE", "/v1/users/{username}", self);
    }

    @Test
    void onlyAdminsManageJoinTokens() {
        Reply made = call(Call.post("/v1/join-tokens", "/v1/join-tokens", "{\"ttlSeconds\":600}"), tokens.get("admin"));
        assertThat(made.status()).isEqualTo(201);
        assertDocumented("POST", "/v1/join-tokens", made);
        String id = made.json().path("id").asText();
        check(Map.of(
                Call.get("/v1/join-tokens", "/v1/join-tokens"), List.of(200, 403, 403),
                Call.post("/v1/join-tokens", "/v1/join-tokens", "{}"), List.of(201, 403, 403),
                Call.post("/v1/join-tokens/{id}/revoke", "/v1/join-tokens/" + id + "/revoke", ""), List.of(204, 403, 403)));
        Reply listed = call(Call.get("/v1/join-tokens", "/v1/join-tokens"), tokens.get("admin"));
        assertThat(listed.body()).doesNotContain(made.json().path("token").asText());
    }
}
