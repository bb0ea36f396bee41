package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.HubId;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.core.client.JobInfo;
import io.resourcepool.core.client.NodeInfo;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.client.RunResult;
import io.resourcepool.launcher.hub.HubRuntime;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference Python agent with two hubs on one PostgreSQL schema ({@link HubsOnOneDatabase}), each serving HTTPS on
 * a port of its own: the agent enrols and heartbeats through hub A only, and a client logged in at hub B sees its
 * node online ({@code pool nodes} too), runs jobs on it, named or scheduled there as the pool's only node, and hears
 * their output and exit codes, and a cancel sent at B stops the job's processes on the agent. Hub A, which holds the
 * node, drives those jobs for B through the database. An agent restarted with hub B's address first is refused there,
 * as hub A still holds its node, and registers at A. Then hub A closes, and the agent, given both hubs' addresses,
 * registers with B, which runs the next job on it.
 *
 * <p>Needs PostgreSQL ({@link io.resourcepool.testkit.store.TestServer#POSTGRESQL} skips, saying how to run it,
 * without one) and {@code python3} and {@code openssl} ({@link PythonAgentTools}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PythonAgentAcrossHubsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(8);
    private static final String HOSTNAME = "py-agent-across";
    private static final Map<String, String> HTTPS = Map.of("http.bind", "127.0.0.1:0");

    private Path dir;
    private HubsOnOneDatabase hubs;
    private LivePool poolA;
    private HubRuntime hubB;
    private Process agent;
    private NodeId node;

    @BeforeAll
    void startHubsAndAnAgentAtHubA(@TempDir Path tempDir) throws Exception {
        PythonAgentTools.require();
        dir = tempDir;
        hubs = new HubsOnOneDatabase(dir);
        poolA = hubs.first(HubId.of("hub-a"), NODE_TIMEOUT, HTTPS);
        hubB = hubs.another(HubId.of("hub-b"), NODE_TIMEOUT, HTTPS);
        assertThat(hubB.httpUri()).isNotEqualTo(poolA.hub.httpUri());
        agent = startAgent(List.of(poolA.hub.httpUri().orElseThrow(), hubB.httpUri().orElseThrow()),
                poolA.joinToken(Duration.ofMinutes(5)).token().reveal());
        node = awaitNodeOnline(poolA.hub).id();
        awaitAgentRegisteredAt(poolA.hub);
    }

    @AfterAll
    void stop() {
        if (agent != null) {
            agent.descendants().forEach(ProcessHandle::destroyForcibly);
            agent.destroyForcibly();
        }
        if (hubs != null) {
            hubs.close();
        }
    }

    @Test
    @Order(1)
    void theAgentsNodeIsListedOnlineAtTheOtherHub() {
        assertThat(awaitNodeOnline(hubB).id()).isEqualTo(node);

        PoolCli cli = new PoolCli(poolA, dir);
        PoolCli.Outcome login = cli.run("login", "--hub", "127.0.0.1:" + hubB.address().getPort(), "--ca-fingerprint", hubB.caFingerprint(),
                "--user", "admin", "--password-file", cli.secretFile(LivePool.ADMIN_PASSWORD.reveal()).toString());
        assertThat(login.exitCode()).as(login.toString()).isZero();
        PoolCli.Outcome nodes = cli.run("nodes");
        assertThat(nodes.exitCode()).as(nodes.toString()).isZero();
        assertThat(nodes.out()).contains(node.value(), HOSTNAME);
        assertThat(nodes.out().lines().filter(line -> line.contains(node.value())).findFirst().orElseThrow()).containsIgnoringCase("online");
    }

    @Test
    @Order(2)
    void aJobNamingTheAgentsNodeSubmittedAtTheOtherHubRunsOnTheAgentAndItsClientHearsOutputAndExitCode() {
        try (PoolClient clientB = hubs.admin(hubB)) {
            RunResult result = clientB.run(JobSpec.of("sh", "-c", "echo from-the-agent; echo oops >&2; exit 3").withTarget(NodeSelector.named(node)));

            assertThat(result.state()).as("agent log:\n%s", agentLog()).isEqualTo(JobState.FAILED);
            assertThat(result.exitCode()).contains(3);
            assertThat(result.stdout().asUtf8()).isEqualTo("from-the-agent\n");
            assertThat(result.stderr().asUtf8()).isEqualTo("oops\n");
            assertThat(clientB.job(result.job()).node()).contains(node);
        }
    }

    @Test
    @Order(2)
    void aJobSubmittedAtTheOtherHubIsScheduledOnTheAgentAsThePoolsOnlyNode() {
        try (PoolClient clientB = hubs.admin(hubB)) {
            RunResult result = clientB.run(JobSpec.of("echo", "scheduled"));

            assertThat(result.state()).as("agent log:\n%s", agentLog()).isEqualTo(JobState.SUCCEEDED);
            assertThat(result.stdout().asUtf8()).isEqualTo("scheduled\n");
            assertThat(result.exitCode()).contains(0);
            assertThat(clientB.job(result.job()).node()).contains(node);
        }
    }

    @Test
    @Order(3)
    void aCancelSentAtTheOtherHubStopsTheJobOnTheAgent() {
        try (PoolClient clientB = hubs.admin(hubB)) {
            JobId id = clientB.submit(JobSpec.of("sh", "-c", "sleep 300 & echo $!; wait").withTarget(NodeSelector.named(node)));
            JobInfo running = LivePool.awaitJob(clientB, id, PATIENCE, j -> j.state() == JobState.RUNNING && !j.outputTail().isEmpty());

            clientB.cancel(id);

            JobInfo done = LivePool.awaitJob(clientB, id, PATIENCE, j -> j.state().isFinal());
            assertThat(done.state()).as("job %s; agent log:\n%s", done, agentLog()).isEqualTo(JobState.CANCELLED);
            long pid = Long.parseLong(running.outputTail().asUtf8().lines().findFirst().orElseThrow().strip());
            await("process " + pid + " killed").atMost(PATIENCE).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        }
    }

    @Test
    @Order(4)
    void anAgentRestartedWithHubBFirstIsRefusedThereAsHubAHoldsItsNodeAndRegistersAtHubA() throws Exception {
        agent.destroyForcibly();
        assertThat(agent.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int logged = agentLog().length();

        // at once: hub A still holds the node's lease (through the grace of the killed process's registration)
        agent = startAgent(List.of(hubB.httpUri().orElseThrow(), poolA.hub.httpUri().orElseThrow()), "");

        await("the restarted agent registered at hub A; agent log:\n" + agentLog()).atMost(PATIENCE)
                .until(() -> agentLog().substring(logged).contains("registered as node " + node.value() + " at " + poolA.hub.httpUri().orElseThrow()));
        assertThat(agentLog().substring(logged)).contains("held by hub hub-a").doesNotContain("at " + hubB.httpUri().orElseThrow());
        try (PoolClient clientB = hubs.admin(hubB)) {
            assertThat(clientB.run(JobSpec.of("echo", "back").withTarget(NodeSelector.named(node))).stdout().asUtf8()).isEqualTo("back\n");
        }
    }

    /** Last: hub A is gone from then on. */
    @Test
    @Order(5)
    void whenHubACloses_theAgentGivenBothAddressesContinuesThroughHubB() {
        hubs.closeFirstHub();

        try (PoolClient clientB = hubs.admin(hubB)) {
            awaitAgentRegisteredAt(hubB);
            RunResult result = clientB.run(JobSpec.of("echo", "through-b").withTarget(NodeSelector.named(node)));

            assertThat(result.state()).as("agent log:\n%s", agentLog()).isEqualTo(JobState.SUCCEEDED);
            assertThat(result.stdout().asUtf8()).isEqualTo("through-b\n");
            assertThat(awaitNodeOnline(hubB).id()).isEqualTo(node);
        }
    }

    private Process startAgent(List<URI> hubAddresses, String joinToken) throws IOException {
        List<String> command = new ArrayList<>(List.of("python3", Path.of("..", "agents", "python", "pool_agent.py").toAbsolutePath().normalize().toString()));
        hubAddresses.forEach(address -> command.addAll(List.of("--hub", address.toString())));
        command.addAll(List.of("--cacert", poolA.hub.caCertificateFile().toString(), "--state-dir", dir.resolve("agent").toString(),
                "--hostname", HOSTNAME));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("agent.log").toFile()));
        builder.environment().remove("POOL_JOIN_TOKEN");
        if (!joinToken.isEmpty()) {
            builder.environment().put("POOL_JOIN_TOKEN", joinToken);
        }
        return builder.start();
    }

    private void awaitAgentRegisteredAt(HubRuntime hub) {
        URI address = hub.httpUri().orElseThrow();
        await("the agent registered at " + address + "; agent log:\n" + agentLog()).atMost(PATIENCE)
                .until(() -> agentLog().contains("registered as node " + node.value() + " at " + address));
    }

    private NodeInfo awaitNodeOnline(HubRuntime hub) {
        try (PoolClient admin = hubs.admin(hub)) {
            return await("node " + HOSTNAME + " online at " + hub.address() + "; agent log:\n" + agentLog()).atMost(PATIENCE)
                    .until(() -> admin.nodes().stream().filter(n -> n.hostname().equals(HOSTNAME) && n.online()).findFirst(), Optional::isPresent)
                    .orElseThrow();
        }
    }

    private String agentLog() {
        try {
            return Files.readString(dir.resolve("agent.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
