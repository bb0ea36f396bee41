package io.resourcepool.http;

import static io.resourcepool.http.OpenApiContract.assertDocumented;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.api.spi.transport.KeyMaterial;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.testkit.certs.TestCertificates;
import io.resourcepool.testkit.certs.TestIdentity;
import io.resourcepool.transport.tls.WorkerIdentity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agents over HTTPS, spoken by the test itself: enrolment with a join token, registration by heartbeat, work by long
 * poll, output and results, cancels, fencing of stale attempts, a lost agent and its return, a restarted agent's new
 * registration; every answer checked against the OpenAPI document. The Python agent's run against a real hub is in the launchers' tests.
 */
class AgentsOverHttpTest {
    private static final String RESOURCES = EnrolledAgent.RESOURCES;

    @TempDir
    Path dir;

    private GatewayFixture pool;
    private String admin;

    @BeforeEach
    void start() {
        // the default idle timeout: a TLS handshake counts against it, and on a busy machine one can take over a second
        start(dir, http -> http);
    }

    private void start(Path where, UnaryOperator<HttpSettings> http) {
        pool = GatewayFixture.withAgents(where, config -> config.withHeartbeats(Duration.ofMillis(200), Duration.ofSeconds(1)), http);
        admin = pool.adminToken();
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    @Test
    void anEnrolledAgentRegistersByHeartbeatShowsAmongTheNodesAndRunsATaskWhoseResultIsStoredOnce() {
        AgentClient agent = enrol("agent-host");
        Reply registered = heartbeat(agent, "[]");
        String node = registered.json().path("nodeId").asText();

        Reply nodes = pool.get("/v1/nodes", admin);
        String job = submit("{\"command\":[\"make\",\"all\"],\"node\":\"" + node + "\",\"limits\":{\"timeoutSeconds\":30}}");
        JsonNode task = pollOne(agent);
        Reply output = agent.post("/v1/agents/jobs/" + job + "/output", "{\"attempt\":1,\"channel\":\"stdout\",\"data\":\""
                + Base64.getEncoder().encodeToString("built\n".getBytes(StandardCharsets.UTF_8)) + "\"}");
        Reply stored = agent.post("/v1/agents/jobs/" + job + "/result", "{\"attempt\":1,\"state\":\"FAILED\",\"exitCode\":2}");
        Reply again = agent.post("/v1/agents/jobs/" + job + "/result", "{\"attempt\":1,\"state\":\"SUCCEEDED\",\"exitCode\":0}");

        assertDocumented("POST", "/v1/agents/heartbeat", registered);
        assertThat(registered.json().path("heartbeatIntervalMillis").asLong()).isEqualTo(200);
        assertThat(nodes.json().path("nodes").get(0).path("hostname").asText()).isEqualTo("agent-host");
        assertThat(nodes.json().path("nodes").get(0).path("online").asBoolean()).isTrue();
        assertThat(task.path("type").asText()).isEqualTo("task");
        assertThat(task.path("command").toString()).isEqualTo("[\"make\",\"all\"]");
        assertThat(task.path("timeoutMillis").asLong()).isEqualTo(30_000);
        assertDocumented("POST", "/v1/agents/jobs/{id}/output", output);
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        assertDocumented("POST", "/v1/agents/jobs/{id}/result", stored);
        assertThat(again.status()).isEqualTo(200);
        Reply ended = pool.get("/v1/jobs/" + job, admin);
        assertThat(ended.json().path("state").asText()).isEqualTo("FAILED");
        assertThat(ended.json().path("exitCode").asInt()).isEqualTo(2);
        assertThat(ended.json().path("node").asText()).isEqualTo(node);
    }

    @Test
    void aLongPollOutlivesTheConnectionsIdleTimeoutAndAnswersEmptyWhenNoWorkCame() {
        pool.close();
        start(dir.resolve("short-idle"), http -> http.withIdleTimeout(Duration.ofSeconds(2)));
        AgentClient agent = enrol("agent-host");
        heartbeat(agent, "[]");

        Reply work = agent.get("/v1/agents/work?waitSeconds=5");

        assertThat(work.status()).as(work.toString()).isEqualTo(200);
        assertDocumented("GET", "/v1/agents/work", work);
        assertThat(work.json().path("work")).isEmpty();
    }

    @Test
    void aCancelReachesTheAgentThroughItsPoll() {
        AgentClient agent = enrol("agent-host");
        String node = heartbeat(agent, "[]").json().path("nodeId").asText();
        String job = submit("{\"command\":[\"sleep\",\"60\"],\"node\":\"" + node + "\"}");
        pollOne(agent);

        Reply cancel = pool.postEmpty("/v1/jobs/" + job + "/cancel", admin);
        JsonNode cancelled = pollOne(agent);
        Reply stored = agent.post("/v1/agents/jobs/" + job + "/result", "{\"attempt\":1,\"state\":\"CANCELLED\",\"reason\":\"cancelled\"}");

        assertThat(cancel.status()).as(cancel.toString()).isBetween(200, 299);
        assertThat(cancelled.path("type").asText()).isEqualTo("cancel");
        assertThat(cancelled.path("jobId").asText()).isEqualTo(job);
        assertThat(stored.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.get("/v1/jobs/" + job, admin).json().path("state").asText().equals("CANCELLED"));
    }

    @Test
    void reportsOnAnAttemptTheAgentDoesNotHoldAreRefusedAsStale() {
        AgentClient agent = enrol("agent-host");
        AgentClient other = enrol("other-host");
        String node = heartbeat(agent, "[]").json().path("nodeId").asText();
        heartbeat(other, "[]");
        String job = submit("{\"command\":[\"true\"],\"node\":\"" + node + "\"}");
        pollOne(agent);

        Reply wrongAttempt = agent.post("/v1/agents/jobs/" + job + "/result", "{\"attempt\":2,\"state\":\"SUCCEEDED\",\"exitCode\":0}");
        Reply wrongAgent = other.post("/v1/agents/jobs/" + job + "/result", "{\"attempt\":1,\"state\":\"SUCCEEDED\",\"exitCode\":0}");
        Reply wrongOutput = other.post("/v1/agents/jobs/" + job + "/output", "{\"attempt\":1,\"channel\":\"stderr\",\"data\":\"eA==\"}");
        Reply right = agent.post("/v1/agents/jobs/" + job + "/result", "{\"attempt\":1,\"state\":\"SUCCEEDED\",\"exitCode\":0}");

        for (Reply stale : new Reply[] {wrongAttempt, wrongAgent, wrongOutput}) {
            assertThat(stale.status()).as(stale.toString()).isEqualTo(409);
            assertThat(stale.problemKind()).isEqualTo("conflict");
        }
        assertDocumented("POST", "/v1/agents/jobs/{id}/result", wrongAttempt);
        assertThat(pool.store.audit().list(new AuditQuery(Optional.empty(), Optional.of("worker.report-refused"), Optional.empty(), 10)))
                .hasSize(3).allSatisfy(row -> assertThat(row.event().detail()).contains(job));
        assertThat(right.status()).as("the refusals left the agent's registration alone: " + right).isEqualTo(200);
    }

    @Test
    void aSilentAgentIsLostWithItsJobAndComesBackByHeartbeatingWhereItsStaleResultIsRefused() {
        AgentClient agent = enrol("agent-host");
        String node = heartbeat(agent, "[]").json().path("nodeId").asText();
        String job = submit("{\"command\":[\"sleep\",\"60\"],\"node\":\"" + node + "\"}");
        pollOne(agent);

        pool.clock.advance(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.get("/v1/jobs/" + job, admin).json().path("state").asText().equals("LOST"));
        Reply polled = agent.get("/v1/agents/work?waitSeconds=0");
        Reply back = heartbeat(agent, "[{\"jobId\":\"" + job + "\",\"attempt\":1}]");
        Reply stale = agent.post("/v1/agents/jobs/" + job + "/result", "{\"attempt\":1,\"state\":\"SUCCEEDED\",\"exitCode\":0}");

        assertThat(polled.status()).isEqualTo(409);
        assertDocumented("GET", "/v1/agents/work", polled);
        assertThat(back.json().path("nodeId").asText()).isEqualTo(node);
        assertThat(back.json().path("disowned").toString()).contains(job);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(pool.get("/v1/jobs/" + job, admin).json().path("state").asText()).isEqualTo("LOST");
        assertThat(pool.get("/v1/nodes", admin).json().path("nodes").get(0).path("online").asBoolean()).isTrue();
    }

    @Test
    void aRestartedAgentRegistersInPlaceOfItsEarlierProcessAndTheHubGivesUpTheJobsItDoesNotReport() {
        AgentClient agent = enrol("agent-host");
        String node = heartbeat(agent, "[]").json().path("nodeId").asText();
        String forgotten = submit("{\"command\":[\"sleep\",\"60\"],\"node\":\"" + node + "\"}");
        pollOne(agent);
        String kept = submit("{\"command\":[\"sleep\",\"60\"],\"node\":\"" + node + "\"}");
        pollOne(agent);

        Reply restarted = agent.post("/v1/agents/heartbeat", "{\"hostname\":\"agent-host\"," + RESOURCES + ",\"tasks\":[{\"jobId\":\"" + kept
                + "\",\"attempt\":1}],\"restarted\":true}");
        Reply keptResult = agent.post("/v1/agents/jobs/" + kept + "/result", "{\"attempt\":1,\"state\":\"SUCCEEDED\",\"exitCode\":0}");
        Reply forgottenResult = agent.post("/v1/agents/jobs/" + forgotten + "/result", "{\"attempt\":1,\"state\":\"SUCCEEDED\",\"exitCode\":0}");
        Reply badFlag = agent.post("/v1/agents/heartbeat", "{\"hostname\":\"agent-host\"," + RESOURCES + ",\"restarted\":\"yes\"}");

        assertThat(restarted.status()).as(restarted.toString()).isEqualTo(200);
        assertDocumented("POST", "/v1/agents/heartbeat", restarted);
        assertThat(restarted.json().path("nodeId").asText()).isEqualTo(node);
        assertThat(restarted.json().path("disowned")).isEmpty();
        JsonNode lost = await().atMost(Duration.ofSeconds(30)).until(() -> pool.get("/v1/jobs/" + forgotten, admin).json(),
                job -> job.path("state").asText().equals("LOST"));
        assertThat(lost.path("reason").asText()).contains("came back without the job");
        assertThat(keptResult.status()).as("the job reported stays the agent's: " + keptResult).isEqualTo(200);
        assertThat(pool.get("/v1/jobs/" + kept, admin).json().path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(forgottenResult.status()).as(forgottenResult.toString()).isEqualTo(409);
        assertThat(badFlag.status()).as(badFlag.toString()).isEqualTo(400);
        assertDocumented("POST", "/v1/agents/heartbeat", badFlag);
        assertThat(badFlag.json().path("field").asText()).isEqualTo("restarted");
    }

    @Test
    void aRemovedNodesAgentIsDroppedAndRefusedAsItsCertificateIsRevoked() {
        AgentClient agent = enrol("agent-host");
        String node = heartbeat(agent, "[]").json().path("nodeId").asText();

        try (PoolClient client = pool.admin()) {
            client.admin().removeNode(io.resourcepool.api.NodeId.of(node));
        }
        // the hub drops the node's connection as it removes it; the poll then finds no registration
        await().atMost(Duration.ofSeconds(30)).until(() -> agent.get("/v1/agents/work?waitSeconds=0").status() == 409);
        Reply refused = agent.post("/v1/agents/heartbeat", "{\"hostname\":\"agent-host\"," + RESOURCES + "}");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
        assertDocumented("POST", "/v1/agents/heartbeat", refused);
        assertThat(refused.json().path("detail").asText()).contains("revoked");
    }

    @Test
    void aSpentJoinTokenAMissingCertificateAndAnotherCasCertificateAreRefusedWithProblems() {
        String token = joinToken();
        WorkerIdentity identity = WorkerIdentity.openOrCreate(dir.resolve("first"));
        Reply first = pool.post("/v1/agents/enrol", "", enrolment(token, identity, "first"));
        Reply replayed = pool.post("/v1/agents/enrol", "", enrolment(token, WorkerIdentity.openOrCreate(dir.resolve("second")), "second"));
        Reply noCertificate = pool.post("/v1/agents/heartbeat", "", "{\"hostname\":\"h\"," + RESOURCES + "}");
        TestIdentity rogue = TestCertificates.unrelatedClient();
        AgentClient stranger = new AgentClient(pool.gateway.uri(), pool.ca.caCertificate(), new KeyMaterial(rogue.privateKey(), rogue.certificateChain()));
        Reply wrongCertificate = stranger.post("/v1/agents/heartbeat", "{\"hostname\":\"h\"," + RESOURCES + "}");
        Reply badBody = enrol("agent-host").post("/v1/agents/heartbeat", "{\"hostname\":\"h\"}");

        assertThat(first.status()).isEqualTo(200);
        assertDocumented("POST", "/v1/agents/enrol", first);
        assertThat(first.json().path("caCertificate").asText()).startsWith("-----BEGIN CERTIFICATE-----");
        for (Reply refused : new Reply[] {replayed, noCertificate, wrongCertificate}) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
            assertThat(refused.header("Content-Type")).contains("application/problem+json");
        }
        assertDocumented("POST", "/v1/agents/enrol", replayed);
        assertDocumented("POST", "/v1/agents/heartbeat", wrongCertificate);
        assertThat(wrongCertificate.json().path("detail").asText()).contains("not issued by this hub's CA");
        assertThat(badBody.status()).isEqualTo(400);
        assertThat(badBody.json().path("field").asText()).isEqualTo("resources");
    }

    @Test
    void aGatewayWithoutTheHubsCaServesNoAgents() {
        try (GatewayFixture plain = GatewayFixture.start(dir.resolve("plain"))) {
            Reply refused = plain.post("/v1/agents/enrol", "", "{\"joinToken\":\"t\",\"csr\":\"c\",\"hostname\":\"h\"}");

            assertThat(refused.status()).isEqualTo(404);
            assertDocumented("POST", "/v1/agents/enrol", refused);
            assertThat(refused.json().path("detail").asText()).contains("serves no agents");
        }
    }

    private AgentClient enrol(String hostname) {
        return EnrolledAgent.enrol(pool, dir, hostname).client();
    }

    private static String enrolment(String token, WorkerIdentity identity, String hostname) {
        return EnrolledAgent.enrolment(token, identity, hostname);
    }

    private String joinToken() {
        return EnrolledAgent.joinToken(pool);
    }

    private static Reply heartbeat(AgentClient agent, String tasks) {
        Reply reply = agent.post("/v1/agents/heartbeat", "{\"hostname\":\"agent-host\"," + RESOURCES + ",\"tasks\":" + tasks + "}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply;
    }

    private String submit(String request) {
        Reply submitted = pool.post("/v1/jobs", admin, request);
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        return submitted.json().path("id").asText();
    }

    private static JsonNode pollOne(AgentClient agent) {
        Reply work = agent.get("/v1/agents/work?waitSeconds=30");
        assertThat(work.status()).as(work.toString()).isEqualTo(200);
        assertDocumented("GET", "/v1/agents/work", work);
        assertThat(work.json().path("work")).hasSize(1);
        return work.json().path("work").get(0);
    }
}
