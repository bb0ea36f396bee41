package io.resourcepool.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.core.client.PoolClient;
import io.resourcepool.http.server.Json;
import io.resourcepool.transport.tls.WorkerIdentity;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;

/**
 * An agent enrolled through a gateway's {@code /v1/agents/enrol} with a fresh join token, as the tests speak it: its
 * identity on disk (which can make a renewal request for a new key) and its HTTPS client.
 *
 * @param identity the agent's key and certificate, in a directory of its own
 * @param client the agent's client, presenting that certificate
 */
record EnrolledAgent(WorkerIdentity identity, AgentClient client) {
    static final String RESOURCES = "\"resources\":{\"logicalCpus\":4,\"cpuLoad\":0.1,\"memoryTotalBytes\":8000000000,"
            + "\"memoryAvailableBytes\":4000000000,\"storageTotalBytes\":100000000000,\"storageAvailableBytes\":50000000000}";

    static EnrolledAgent enrol(GatewayFixture pool, Path dir, String hostname) {
        WorkerIdentity identity = WorkerIdentity.openOrCreate(dir.resolve(hostname));
        Reply enrolled = pool.post("/v1/agents/enrol", "", enrolment(joinToken(pool), identity, hostname));
        assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(200);
        identity.storeCertificate(enrolled.json().path("certificateChain").asText());
        return new EnrolledAgent(identity, clientOf(pool, identity, pool.ca.caCertificate()));
    }

    static String enrolment(String token, WorkerIdentity identity, String hostname) {
        return "{\"joinToken\":\"" + token + "\",\"csr\":" + Json.mapper().valueToTree(identity.certificationRequestPem())
                + ",\"hostname\":\"" + hostname + "\"}";
    }

    static String joinToken(GatewayFixture pool) {
        try (PoolClient client = pool.admin()) {
            return client.admin().createJoinToken(Duration.ofMinutes(5)).token().reveal();
        }
    }

    /** A client presenting the identity's key and certificate as they are now. */
    static AgentClient clientOf(GatewayFixture pool, WorkerIdentity identity, X509Certificate hubCa) {
        return new AgentClient(pool.gateway.uri(), hubCa, identity.keyMaterial().orElseThrow());
    }

    Reply heartbeat(String tasks) {
        return client.post("/v1/agents/heartbeat", "{\"hostname\":\"agent-host\"," + RESOURCES + ",\"tasks\":" + tasks + "}");
    }

    /** Asks for a renewal for a new key, as the agent's client sends it. */
    Reply renew() {
        return client.post("/v1/agents/renew", "{\"csr\":" + Json.mapper().valueToTree(identity.renewalRequest()) + "}");
    }
}
