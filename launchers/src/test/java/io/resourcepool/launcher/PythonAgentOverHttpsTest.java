package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.KeySeal;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.core.client.JobInfo;
import io.resourcepool.core.client.NodeInfo;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.testkit.certs.TestCertificates;
import io.resourcepool.testkit.certs.TestIdentity;
import io.resourcepool.transport.tls.CaRotation;
import io.resourcepool.transport.tls.PemFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference Python agent ({@code agents/python/pool_agent.py}), started as a process of its own against a real hub
 * serving HTTPS: it enrols with a join token, heartbeats, shows among the nodes, runs jobs (with output and exit code,
 * past a timeout, cancelled), is lost when killed and comes back when restarted (and gives up what its killed process ran when
 * restarted before the hub missed it), under the rules of the Java worker;
 * bad and replayed agent requests get RFC 9457 problems.
 *
 * <p>Needs {@code python3} and {@code openssl} on the PATH; skipped without them, unless the environment variable
 * {@code POOL_TEST_AGENTS=required} is set (as under CI), which makes their absence a failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PythonAgentOverHttpsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String HOSTNAME = "py-agent";

    private Path dir;

    private LivePool pool;
    private URI api;
    private Path script;
    private String spentToken;
    private Process agent;
    private NodeId node;

    @BeforeAll
    void startHubAndAgent(@TempDir Path tempDir) throws Exception {
        PythonAgentTools.require();
        dir = tempDir;
        script = Path.of("..", "agents", "python", "pool_agent.py").toAbsolutePath().normalize();
        assertThat(script).exists();
        // short-lived agent certificates: the agent renews each 20 s after it was issued (a third of 3 min + the 5 min backdate left)
        pool = new LivePool(dir, Map.of("http.bind", "127.0.0.1:0", "hub.worker-certificate-validity", "3m"));
        api = pool.hub.httpUri().orElseThrow();
        spentToken = pool.joinToken(Duration.ofMinutes(5)).token().reveal();
        agent = startAgent(Optional.of(spentToken));
        node = awaitNode(true).id();
    }

    @AfterAll
    void stop() {
        if (agent != null) {
            agent.descendants().forEach(ProcessHandle::destroyForcibly);
            agent.destroyForcibly();
        }
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    @Order(1)
    void theAgentEnrolsWithAnOwnerOnlyKeyAndShowsAmongTheNodes() throws IOException {
        PoolCli cli = new PoolCli(pool, dir);
        cli.login("admin", LivePool.ADMIN_PASSWORD.reveal());
        PoolCli.Outcome nodes = cli.run("nodes");
        assertThat(nodes.exitCode()).as(nodes.toString()).isZero();
        assertThat(nodes.out()).contains(node.value(), HOSTNAME);
        try (PoolClient admin = pool.admin()) {
            NodeInfo seen = admin.nodes().stream().filter(n -> n.id().equals(node)).findFirst().orElseThrow();
            assertThat(seen.online()).isTrue();
            assertThat(seen.hostname()).isEqualTo(HOSTNAME);
            assertThat(seen.resources().logicalCpus()).isPositive();
            assertThat(seen.sandbox()).contains("no isolation");
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve("agent").resolve("agent.key")))
                .containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    @Order(2)
    void aJobRunsOnTheAgentWithItsOutputAndExitCode() {
        JobInfo done = run(JobSpec.of("sh", "-c", "echo hello from python; echo oops >&2; exit 3"), JobState.FAILED);
        assertThat(done.exitCode()).contains(3);
        assertThat(done.node()).contains(node);
        assertThat(done.outputTail().asUtf8()).contains("hello from python", "oops");
    }

    @Test
    @Order(2)
    void outputPastTheJobsCapIsDroppedAfterAMarkerAndTheJobStillEnds() {
        JobInfo done = run(JobSpec.of("sh", "-c", "head -c 200000 /dev/zero | tr '\\0' a; echo; echo done").withOutputCap(1000),
                JobState.SUCCEEDED);
        assertThat(done.outputTail().asUtf8()).startsWith("aaaa").contains("[output truncated: over 1000 bytes]").doesNotContain("done");
        assertThat(done.outputTail().size()).isLessThan(1100);
    }

    @Test
    @Order(3)
    void aJobPastItsTimeoutIsKilledWithItsProcessGroupAndEndsTimedOut() {
        JobInfo done = run(JobSpec.of("sh", "-c", "sleep 300 & echo $!; wait").withTimeout(Duration.ofSeconds(2)), JobState.TIMED_OUT);
        assertThat(done.exitCode()).isEmpty();
        awaitGone(pidIn(done));
    }

    @Test
    @Order(4)
    void aCancelReachesTheAgentThroughItsPollAndEndsTheJobCancelled() {
        try (PoolClient admin = pool.admin()) {
            JobId id = admin.submit(JobSpec.of("sh", "-c", "sleep 300 & echo $!; wait").withTarget(NodeSelector.named(node)));
            JobInfo running = LivePool.awaitJob(admin, id, PATIENCE, j -> j.state() == JobState.RUNNING && !j.outputTail().isEmpty());
            admin.cancel(id);
            JobInfo done = LivePool.awaitJob(admin, id, PATIENCE, j -> j.state().isFinal());
            assertThat(done.state()).isEqualTo(JobState.CANCELLED);
            awaitGone(pidIn(running));
        }
    }

    @Test
    @Order(5)
    void aSpentJoinTokenIsRefusedWithAProblem() throws Exception {
        HttpResponse<String> answer = send(Optional.empty(), "POST", "/v1/agents/enrol",
                "{\"joinToken\":\"" + spentToken + "\",\"csr\":\"-----BEGIN CERTIFICATE REQUEST-----\",\"hostname\":\"again\"}");
        assertProblem(answer, 401);
    }

    @Test
    @Order(6)
    void withoutACertificateOrWithOneOfAnotherCaAnAgentRequestIsRefusedWithAProblem() throws Exception {
        String heartbeat = "{\"hostname\":\"rogue\",\"resources\":{\"logicalCpus\":1,\"memoryTotalBytes\":1,\"memoryAvailableBytes\":1,"
                + "\"storageTotalBytes\":1,\"storageAvailableBytes\":1}}";
        assertProblem(send(Optional.empty(), "POST", "/v1/agents/heartbeat", heartbeat), 401);
        HttpResponse<String> rogue = send(Optional.of(TestCertificates.unrelatedClient()), "POST", "/v1/agents/heartbeat", heartbeat);
        assertProblem(rogue, 401);
        assertThat(rogue.body()).contains("not issued by this hub's CA");
        assertProblem(send(Optional.of(TestCertificates.unrelatedClient()), "GET", "/v1/agents/work?waitSeconds=0", ""), 401);
    }

    @Test
    @Order(7)
    void aResultForAStaleAttemptIsRefusedWithAProblemAndARepeatedOneIsAnsweredAsTheFirst() throws Exception {
        JobInfo done = run(JobSpec.of("true"), JobState.SUCCEEDED);
        TestIdentity own = new TestIdentity("agent", Files.readString(dir.resolve("agent").resolve("agent.crt")),
                Files.readString(dir.resolve("agent").resolve("agent.key")));
        String path = "/v1/agents/jobs/" + done.id() + "/result";

        HttpResponse<String> stale = send(Optional.of(own), "POST", path, "{\"attempt\":2,\"state\":\"FAILED\",\"exitCode\":1}");
        HttpResponse<String> again = send(Optional.of(own), "POST", path, "{\"attempt\":1,\"state\":\"SUCCEEDED\",\"exitCode\":0}");

        assertProblem(stale, 409);
        assertThat(stale.body()).contains("does not hold attempt 2");
        assertThat(again.statusCode()).isEqualTo(200);
        try (PoolClient admin = pool.admin()) {
            assertThat(admin.job(done.id()).state()).isEqualTo(JobState.SUCCEEDED);
        }
    }

    @Test
    @Order(8)
    void aKilledAgentIsLostItsJobEndsLostAndTheRestartedAgentComesBack() throws Exception {
        try (PoolClient admin = pool.admin()) {
            JobId id = admin.submit(JobSpec.of("sh", "-c", "sleep 300 & echo $!; wait").withTarget(NodeSelector.named(node)));
            JobInfo running = LivePool.awaitJob(admin, id, PATIENCE, j -> j.state() == JobState.RUNNING && !j.outputTail().isEmpty());
            agent.destroyForcibly();
            assertThat(agent.waitFor(30, TimeUnit.SECONDS)).isTrue();

            JobInfo lost = LivePool.awaitJob(admin, id, PATIENCE, j -> j.state().isFinal());
            assertThat(lost.state()).isEqualTo(JobState.LOST);
            assertThat(awaitNode(false).id()).isEqualTo(node);
            ProcessHandle.of(pidIn(running)).ifPresent(ProcessHandle::destroyForcibly);

            agent = startAgent(Optional.empty());
            assertThat(awaitNode(true).id()).isEqualTo(node);
            assertThat(run(JobSpec.of("echo", "back"), JobState.SUCCEEDED).outputTail().asUtf8()).isEqualTo("back\n");
        }
    }

    @Test
    @Order(9)
    void anAgentRestartedBeforeTheHubMissedItGivesUpWhatItsEarlierProcessRan() throws Exception {
        try (PoolClient admin = pool.admin()) {
            JobId id = admin.submit(JobSpec.of("sh", "-c", "sleep 300 & echo $!; wait").withTimeout(Duration.ofMinutes(10))
                    .withTarget(NodeSelector.named(node)));
            JobInfo running = LivePool.awaitJob(admin, id, PATIENCE, j -> j.state() == JobState.RUNNING && !j.outputTail().isEmpty());
            agent.destroyForcibly();
            assertThat(agent.waitFor(30, TimeUnit.SECONDS)).isTrue();
            agent = startAgent(Optional.empty()); // at once: the hub still holds the killed process's registration

            // as a Java worker that reconnects without the job: given up by the hub's rules (LOST, as it allows no retry)
            JobInfo lost = LivePool.awaitJob(admin, id, PATIENCE, j -> j.state().isFinal());
            assertThat(lost.state()).as("job %s; agent log:\n%s", lost, agentLog()).isEqualTo(JobState.LOST);
            assertThat(lost.reason()).as("given up as the restarted agent registered, not as the hub missed it; agent log:\n%s", agentLog())
                    .contains("came back without the job");
            ProcessHandle.of(pidIn(running)).ifPresent(ProcessHandle::destroyForcibly);

            assertThat(awaitNode(true).id()).isEqualTo(node);
            assertThat(run(JobSpec.of("echo", "again"), JobState.SUCCEEDED).outputTail().asUtf8()).isEqualTo("again\n");
        }
    }

    @Test
    @Order(10)
    void aRenewalCutShortBetweenItsRenamesIsFinishedAtTheNextStart() throws Exception {
        Path state = dir.resolve("agent");
        agent.destroyForcibly();
        assertThat(agent.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // once the hub dropped it: a long poll the killed agent left waiting in the gateway would take the next task
        assertThat(awaitNode(false).id()).isEqualTo(node);
        // as the agent leaves it when killed after the hub answered: the new key and the whole new chain, not yet renamed
        TestIdentity own = new TestIdentity("agent", Files.readString(state.resolve("agent.crt")), Files.readString(state.resolve("agent.key")));
        Process openssl = new ProcessBuilder("openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", state.resolve("agent.key.new").toString(), "-subj", "/CN=" + node.value()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String csr = new String(openssl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(openssl.waitFor()).isZero();
        HttpResponse<String> renewed = send(Optional.of(own), "POST", "/v1/agents/renew",
                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("csr", csr)));
        assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(200);
        Files.writeString(state.resolve("agent.crt.new"),
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(renewed.body()).path("certificateChain").asText());
        Files.setPosixFilePermissions(state.resolve("agent.crt.new"), Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        X509Certificate planted = PemFiles.readCertificates(state.resolve("agent.crt.new")).get(0);

        agent = startAgent(Optional.empty());
        await("the restarted agent to install the renewal; agent log:\n" + agentLog()).atMost(PATIENCE)
                .until(() -> !Files.exists(state.resolve("agent.crt.new")));
        assertThat(awaitNode(true).id()).isEqualTo(node);

        assertThat(state.resolve("agent.key.new")).doesNotExist();
        String presented = agentCertificate().getSerialNumber().toString(16);
        String plantedSerial = planted.getSerialNumber().toString(16);
        if (!presented.equals(plantedSerial)) {
            // renewed again since (the certificates of this test are short-lived): then from the planted one
            try (PoolClient admin = pool.admin()) {
                assertThat(admin.admin().audit("", "node.cert.renewed", 100))
                        .anySatisfy(row -> assertThat(row.detail()).contains("certificate " + plantedSerial + " replaced by"));
            }
        }
        assertThat(run(JobSpec.of("echo", "installed"), JobState.SUCCEEDED).outputTail().asUtf8()).isEqualTo("installed\n");
    }

    @Test
    @Order(11)
    void theAgentRenewsItsCertificateWithANewKeyWhenAThirdOfItsLifeIsLeftAndKeepsRunningJobs() throws Exception {
        Path state = dir.resolve("agent");
        X509Certificate first = agentCertificate();
        String firstKey = Files.readString(state.resolve("agent.key"));

        await("a renewal; agent log:\n" + agentLog()).atMost(PATIENCE).until(() -> !agentCertificate().equals(first));
        X509Certificate renewed = agentCertificate();

        assertThat(renewed.getSubjectX500Principal()).isEqualTo(first.getSubjectX500Principal());
        assertThat(renewed.getPublicKey()).isNotEqualTo(first.getPublicKey());
        assertThat(Files.readString(state.resolve("agent.key"))).isNotEqualTo(firstKey);
        for (String file : List.of("agent.key", "agent.crt", "hub-cas.pem")) {
            assertThat(Files.getPosixFilePermissions(state.resolve(file))).as(file)
                    .containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        try (PoolClient admin = pool.admin()) {
            assertThat(admin.admin().audit("", "node.cert.renewed", 100)).anySatisfy(row -> {
                assertThat(row.target()).isEqualTo(node.value());
                assertThat(row.detail()).contains(renewed.getSerialNumber().toString(16));
            });
        }
        assertThat(run(JobSpec.of("echo", "renewed"), JobState.SUCCEEDED).outputTail().asUtf8()).isEqualTo("renewed\n");
        assertThat(awaitNode(true).id()).isEqualTo(node);
    }

    /** Last: after the CA's retirement the test's own clients, which pin the old CA, no longer trust the hub. */
    @Test
    @Order(12)
    void afterACaRotationTheAgentRenewsFromTheNewCaAndKeepsWorkingOnceTheOldOneIsRetired() throws Exception {
        Path data = dir.resolve("hub");
        CaRotation.rotate(data, InstantSource.system(), KeySeal.none());
        X509Certificate newCa = PemFiles.readCertificates(pool.hub.caCertificateFile()).get(0);

        await("a renewal from the new CA; agent log:\n" + agentLog()).atMost(PATIENCE)
                .until(() -> agentCertificate().getIssuerX500Principal().equals(newCa.getSubjectX500Principal()));
        agentCertificate().verify(newCa.getPublicKey());
        assertThat(run(JobSpec.of("echo", "rotated"), JobState.SUCCEEDED).outputTail().asUtf8()).isEqualTo("rotated\n");

        CaRotation.retire(data, InstantSource.system(), KeySeal.none());
        // the HTTPS API serves the hub's certificate from the new CA without a restart; the agent trusts it from its renewal
        AdminOverHttps https = new AdminOverHttps(api, pool.hub.caCertificateFile());
        await("HTTPS to serve a certificate of the new CA").atMost(PATIENCE).until(() -> https.servedCertificate().getIssuerX500Principal()
                .equals(newCa.getSubjectX500Principal()));
        Instant retired = Instant.now();
        String token = https.login("admin", LivePool.ADMIN_PASSWORD.reveal());
        await("a heartbeat of the agent over the new certificate; agent log:\n" + agentLog()).atMost(PATIENCE)
                .until(() -> https.lastHeartbeat(token, node.value()).filter(at -> at.isAfter(retired)).isPresent());
        String job = https.submit(token, "{\"command\":[\"echo\",\"retired\"],\"node\":\"" + node.value() + "\"}");
        await("job " + job + " done; agent log:\n" + agentLog()).atMost(PATIENCE)
                .until(() -> https.get(token, "/v1/jobs/" + job).path("state").asText().equals("SUCCEEDED"));
    }

    private X509Certificate agentCertificate() {
        return PemFiles.readCertificates(dir.resolve("agent").resolve("agent.crt")).get(0);
    }

    private Process startAgent(Optional<String> joinToken) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("python3", script.toString(), "--hub", api.toString(), "--cacert",
                pool.hub.caCertificateFile().toString(), "--state-dir", dir.resolve("agent").toString(), "--hostname", HOSTNAME)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("agent.log").toFile()));
        builder.environment().remove("POOL_JOIN_TOKEN");
        joinToken.ifPresent(token -> builder.environment().put("POOL_JOIN_TOKEN", token));
        return builder.start();
    }

    private NodeInfo awaitNode(boolean online) {
        try (PoolClient admin = pool.admin()) {
            return await("node " + HOSTNAME + (online ? " online" : " offline") + "; agent log:\n" + agentLog()).atMost(PATIENCE)
                    .until(() -> admin.nodes().stream().filter(n -> n.hostname().equals(HOSTNAME) && n.online() == online).findFirst(),
                            Optional::isPresent)
                    .orElseThrow();
        }
    }

    private JobInfo run(JobSpec spec, JobState expected) {
        try (PoolClient admin = pool.admin()) {
            JobId id = admin.submit(spec.withTarget(NodeSelector.named(node)));
            JobInfo done = LivePool.awaitJob(admin, id, PATIENCE, j -> j.state().isFinal());
            assertThat(done.state()).as("job %s; agent log:\n%s", done, agentLog()).isEqualTo(expected);
            return done;
        }
    }

    private HttpResponse<String> send(Optional<TestIdentity> certificate, String method, String path, String body) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(AgentTls.context(pool.hub.caCertificateFile(), certificate)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(30));
        request = body.isEmpty() ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        try (client) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static void assertProblem(HttpResponse<String> answer, int status) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(answer.body()).contains("\"status\":" + status, "\"title\"", "\"detail\"");
    }

    private static long pidIn(JobInfo job) {
        return Long.parseLong(job.outputTail().asUtf8().lines().findFirst().orElseThrow().strip());
    }

    private static void awaitGone(long pid) {
        await("process " + pid + " killed").atMost(PATIENCE).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    private String agentLog() {
        try {
            return Files.readString(dir.resolve("agent.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
