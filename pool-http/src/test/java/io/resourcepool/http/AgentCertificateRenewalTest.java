package io.resourcepool.http;

import static io.resourcepool.http.OpenApiContract.assertDocumented;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.resourcepool.api.KeySeal;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.AuditEntry;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.transport.tls.CaRotation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent renews its certificate over HTTPS ({@code POST /v1/agents/renew}) by the hub's rules for a worker's
 * renewal: for a new key of its own node only, not once removed, not from a certificate already replaced; the one it
 * replaced still works until the new one is used; every renewal is audited; after a CA rotation the heartbeat asks for
 * a renewal, which comes from the new CA and is accepted.
 */
class AgentCertificateRenewalTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private GatewayFixture pool;
    private String admin;

    @BeforeEach
    void start() {
        pool = GatewayFixture.withAgents(dir, config -> config.withHeartbeats(Duration.ofMillis(200), Duration.ofSeconds(1)), http -> http);
        admin = pool.adminToken();
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    @Test
    void aRenewedAgentKeepsItsRegistrationTasksAndWaitingWorkAndItsOldCertificateWorksOnlyUntilTheNewOneIsUsed() {
        EnrolledAgent agent = EnrolledAgent.enrol(pool, dir, "agent-host");
        String node = agent.heartbeat("[]").json().path("nodeId").asText();
        String job = submit("{\"command\":[\"true\"],\"node\":\"" + node + "\"}");
        pollOne(agent.client());
        String held = "[{\"jobId\":\"" + job + "\",\"attempt\":1}]";

        Reply renewed = agent.renew();
        Reply oldStillWorks = agent.heartbeat(held);
        // given while the agent still goes by its old certificate, taken with the new one
        String waiting = submit("{\"command\":[\"true\"],\"node\":\"" + node + "\"}");
        agent.identity().storeRenewal(renewed.json().path("certificateChain").asText(), renewed.json().path("trustedCas").asText());
        EnrolledAgent fresh = new EnrolledAgent(agent.identity(), EnrolledAgent.clientOf(pool, agent.identity(), pool.ca.caCertificate()));
        Reply registered = fresh.heartbeat(held);
        JsonNode taken = pollOne(fresh.client());
        Reply stored = fresh.client().post("/v1/agents/jobs/" + job + "/result", "{\"attempt\":1,\"state\":\"SUCCEEDED\",\"exitCode\":0}");
        Reply storedWaiting = fresh.client().post("/v1/agents/jobs/" + waiting + "/result", "{\"attempt\":1,\"state\":\"SUCCEEDED\",\"exitCode\":0}");
        Reply staleHeartbeat = agent.heartbeat("[]");
        Reply staleRenewal = agent.renew();

        assertThat(renewed.status()).as(renewed.toString()).isEqualTo(200);
        assertDocumented("POST", "/v1/agents/renew", renewed);
        assertThat(renewed.json().path("trustedCas").asText()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(oldStillWorks.status()).as(oldStillWorks.toString()).isEqualTo(200);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
        assertThat(registered.json().path("nodeId").asText()).isEqualTo(node);
        assertThat(registered.json().path("disowned")).isEmpty();
        assertThat(taken.path("jobId").asText()).isEqualTo(waiting);
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        assertThat(storedWaiting.status()).as(storedWaiting.toString()).isEqualTo(200);
        assertThat(pool.get("/v1/jobs/" + job, admin).json().path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(pool.get("/v1/jobs/" + waiting, admin).json().path("state").asText()).isEqualTo("SUCCEEDED");
        for (Reply stale : new Reply[] {staleHeartbeat, staleRenewal}) {
            assertThat(stale.status()).as(stale.toString()).isEqualTo(401);
            assertThat(stale.header("Content-Type")).contains("application/problem+json");
            assertThat(stale.json().path("detail").asText()).contains("not recognised");
        }
        assertDocumented("POST", "/v1/agents/renew", staleRenewal);
        List<AuditEntry> rows = renewals();
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.event().target()).isEqualTo(node);
            assertThat(row.event().detail()).contains("replaced by " + agent.identity().keyMaterial().orElseThrow().certificate().getSerialNumber().toString(16));
        });
    }

    @Test
    void aRenewalForAnotherNodesNameOrForTheKeyAlreadyCertifiedIsRefusedAndNothingIsSigned() {
        EnrolledAgent agent = EnrolledAgent.enrol(pool, dir, "agent-host");
        EnrolledAgent other = EnrolledAgent.enrol(pool, dir, "other-host");
        String othersRequest = other.identity().renewalRequest();

        Reply refused = agent.client().post("/v1/agents/renew", "{\"csr\":" + io.resourcepool.http.server.Json.mapper().valueToTree(othersRequest) + "}");
        Reply noRequest = agent.client().post("/v1/agents/renew", "{}");
        Reply sameKey = agent.client().post("/v1/agents/renew", "{\"csr\":"
                + io.resourcepool.http.server.Json.mapper().valueToTree(agent.identity().certificationRequestPem()) + "}");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertDocumented("POST", "/v1/agents/renew", refused);
        assertThat(refused.json().path("field").asText()).isEqualTo("csr");
        assertThat(refused.json().path("detail").asText()).contains("renews only its own certificate");
        assertThat(noRequest.status()).isEqualTo(400);
        assertThat(sameKey.status()).as(sameKey.toString()).isEqualTo(400);
        assertThat(sameKey.json().path("detail").asText()).contains("make a new key");
        assertThat(renewals()).isEmpty();
    }

    @Test
    void aRemovedNodesAgentAndAnAgentWithoutACertificateCannotRenew() {
        EnrolledAgent agent = EnrolledAgent.enrol(pool, dir, "agent-host");
        String node = agent.heartbeat("[]").json().path("nodeId").asText();
        try (PoolClient client = pool.admin()) {
            client.admin().removeNode(NodeId.of(node));
        }

        Reply revoked = agent.renew();
        Reply anonymous = pool.post("/v1/agents/renew", "", "{\"csr\":\"-----BEGIN CERTIFICATE REQUEST-----\"}");

        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(401);
        assertDocumented("POST", "/v1/agents/renew", revoked);
        assertThat(revoked.json().path("detail").asText()).contains("revoked");
        assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
        assertThat(renewals()).isEmpty();
    }

    @Test
    void afterACaRotationTheHeartbeatAsksForARenewalWhoseCertificateFromTheNewCaIsAccepted() {
        EnrolledAgent agent = EnrolledAgent.enrol(pool, dir, "agent-host");
        Reply before = agent.heartbeat("[]");

        CaRotation.rotate(dir.resolve("hub"), InstantSource.system(), KeySeal.none());
        await().atMost(PATIENCE).until(() -> agent.heartbeat("[]").json().path("renewNow").asBoolean());
        Reply asked = agent.heartbeat("[]");
        Reply renewed = agent.renew();
        agent.identity().storeRenewal(renewed.json().path("certificateChain").asText(), renewed.json().path("trustedCas").asText());
        EnrolledAgent fresh = new EnrolledAgent(agent.identity(), EnrolledAgent.clientOf(pool, agent.identity(), pool.ca.caCertificate()));
        Reply registered = fresh.heartbeat("[]");

        assertThat(before.json().path("renewNow").asBoolean()).isFalse();
        assertDocumented("POST", "/v1/agents/heartbeat", asked);
        assertThat(asked.json().path("renewReason").asText()).contains("rotated");
        assertThat(renewed.status()).as(renewed.toString()).isEqualTo(200);
        assertThat(agent.identity().hubCas()).hasSize(2).contains(pool.ca.signingCaCertificate());
        assertThat(agent.identity().keyMaterial().orElseThrow().certificate().getIssuerX500Principal())
                .isEqualTo(pool.ca.signingCaCertificate().getSubjectX500Principal());
        assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
        assertThat(registered.json().path("renewNow").asBoolean()).isFalse();
    }

    private List<AuditEntry> renewals() {
        return pool.store.audit().list(new AuditQuery(Optional.empty(), Optional.of("node.cert.renewed"), Optional.empty(), 10));
    }

    private String submit(String request) {
        Reply submitted = pool.post("/v1/jobs", admin, request);
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        return submitted.json().path("id").asText();
    }

    private static JsonNode pollOne(AgentClient agent) {
        Reply work = agent.get("/v1/agents/work?waitSeconds=30");
        assertThat(work.status()).as(work.toString()).isEqualTo(200);
        assertThat(work.json().path("work")).hasSize(1);
        return work.json().path("work").get(0);
    }
}
