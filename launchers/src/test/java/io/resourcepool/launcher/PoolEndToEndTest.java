package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.PoolAggregate;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.core.client.NodeInfo;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.client.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The pool end to end: real TLS sockets, a SQLite file, OSHI and real processes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoolEndToEndTest {
    private Path dir;
    private LivePool pool;
    private NodeId first;
    private NodeId second;

    @BeforeAll
    void startPoolWithTwoWorkers(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        pool = new LivePool(dir, Map.of());
        first = pool.enrollWorker("alpha");
        second = pool.enrollWorker("beta");
        try (PoolClient admin = pool.admin()) {
            admin.admin().addUser("carol", Role.COMPUTE_USER, Secret.of("carol-password"));
        }
    }

    @AfterAll
    void stopPool() {
        pool.close();
    }

    @Test
    void theStoreIsARealSqliteFileInTheHubsDataDirectory() {
        assertThat(pool.hub.storeDescription()).contains("sqlite");
        assertThat(Files.exists(dir.resolve("hub").resolve("pool.db"))).isTrue();
    }

    @Test
    void aUserSeesBothWorkersAndTheAggregate() {
        try (PoolClient carol = pool.connect().login("carol", Secret.of("carol-password"))) {
            List<NodeInfo> nodes = carol.nodes();
            assertThat(nodes).extracting(NodeInfo::id).containsExactlyInAnyOrder(first, second);
            assertThat(nodes).allSatisfy(n -> {
                assertThat(n.online()).isTrue();
                assertThat(n.resources().logicalCpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
                assertThat(n.resources().memoryTotalBytes()).isPositive();
                assertThat(n.sandbox()).contains("plain process: no namespaces, no file-system or network containment");
            });
            PoolAggregate aggregate = carol.aggregate();
            assertThat(aggregate.onlineNodes()).isEqualTo(2);
            assertThat(aggregate.logicalCpus()).isEqualTo(2L * Runtime.getRuntime().availableProcessors());
            assertThat(aggregate.memoryTotalBytes()).isEqualTo(nodes.get(0).resources().memoryTotalBytes() * 2);
        }
    }

    @Test
    void echoRunsOnTheNamedNodeAndItsOutputComesBack() {
        try (PoolClient carol = pool.connect().login("carol", Secret.of("carol-password"))) {
            RunResult r = carol.run(second, List.of("echo", "hello", "pool"));
            assertThat(r.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(r.exitCode()).contains(0);
            assertThat(r.node()).contains(second);
            assertThat(r.stdout().asUtf8()).isEqualTo("hello pool\n");
        }
    }

    @Test
    void stderrAndAnExitCodeOfThreeAreReportedApart() {
        try (PoolClient carol = pool.connect().login("carol", Secret.of("carol-password"))) {
            List<OutputChannel> seen = new CopyOnWriteArrayList<>();
            RunResult r = carol.run(JobSpec.of("sh", "-c", "echo out; echo oops >&2; exit 3"), (channel, chunk) -> seen.add(channel));
            assertThat(r.state()).isEqualTo(JobState.FAILED);
            assertThat(r.exitCode()).contains(3);
            assertThat(r.stdout().asUtf8()).isEqualTo("out\n");
            assertThat(r.stderr().asUtf8()).isEqualTo("oops\n");
            assertThat(seen).contains(OutputChannel.STDOUT, OutputChannel.STDERR);
            assertThat(r.node()).isPresent();
        }
    }

    @Test
    void aCommandThatOutlivesItsTimeoutIsKilled() {
        try (PoolClient carol = pool.connect().login("carol", Secret.of("carol-password"))) {
            RunResult r = carol.run(JobSpec.of("sh", "-c", "echo started; sleep 60").withTimeout(Duration.ofSeconds(1))
                    .withTarget(NodeSelector.named(first)));
            assertThat(r.state()).isEqualTo(JobState.TIMED_OUT);
            assertThat(r.stdout().asUtf8()).isEqualTo("started\n");
            assertThat(r.reason()).contains("timed out");
            assertThat(r.shellExitCode()).isEqualTo(124);
        }
    }

    @Test
    void theSchedulerPlacesWorkOnEitherNode() {
        try (PoolClient carol = pool.connect().login("carol", Secret.of("carol-password"))) {
            RunResult r = carol.run(JobSpec.of("true"));
            assertThat(r.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(r.node()).isPresent().get().isIn(first, second);
        }
    }

    @Test
    void aSpentJoinTokenIsRefusedAndTheHubKeepsServing() {
        Secret token = pool.joinToken(Duration.ofMinutes(5)).token();
        // the worker that used the token leaves when this test ends, so the other tests see the pool of two they expect
        try (var once = pool.startWorker("gamma", token)) {
            assertThat(once.worker().registered()).succeedsWithin(Duration.ofSeconds(30));
            var twice = pool.startWorker("delta", token);
            assertThat(twice.worker().registered()).failsWithin(Duration.ofSeconds(30))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(AuthenticationException.class)
                    .withMessageContaining("join token unknown, expired, revoked or already used");
            try (PoolClient carol = pool.connect().login("carol", Secret.of("carol-password"))) {
                assertThat(carol.run(first, List.of("true")).state()).isEqualTo(JobState.SUCCEEDED);
            }
        }
    }

    @Test
    void aWrongPasswordIsRefusedWhileOthersAreServed() {
        try (PoolClient intruder = pool.connect(); PoolClient carol = pool.connect().login("carol", Secret.of("carol-password"))) {
            assertThatThrownBy(() -> intruder.login("carol", Secret.of("not-her-password"))).isInstanceOf(AuthenticationException.class);
            assertThat(carol.aggregate().onlineNodes()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void eachJobIsAuditedWhenSubmittedWithItsSourceAndWhenItEnds() {
        RunResult r;
        try (PoolClient carol = pool.connect().login("carol", Secret.of("carol-password"))) {
            r = carol.run(first, List.of("echo", "audited"));
        }
        try (PoolClient admin = pool.admin()) {
            List<io.resourcepool.core.client.AuditRow> rows = admin.admin().audit("carol", "job.", 100).stream()
                    .filter(row -> row.target().equals(r.job().toString())).toList();
            assertThat(rows).extracting(io.resourcepool.core.client.AuditRow::action).containsExactlyInAnyOrder("job.submitted", "job.finished");
            assertThat(rows).filteredOn(row -> row.action().equals("job.submitted")).singleElement()
                    .satisfies(row -> assertThat(row.sourceAddress()).startsWith("127.0.0.1:"))
                    .satisfies(row -> assertThat(row.detail()).isEqualTo("program echo on node " + first).doesNotContain("audited"));
            assertThat(rows).filteredOn(row -> row.action().equals("job.finished")).singleElement()
                    .satisfies(row -> assertThat(row.detail()).isEqualTo("SUCCEEDED exit 0 on " + first + "; stdout sha256 "
                            + sha256("audited\n") + " (8 bytes), stderr sha256 " + sha256("") + " (0 bytes)"));
        }
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
