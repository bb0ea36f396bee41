package io.resourcepool.launcher.escape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.Providers;
import io.resourcepool.api.spi.sandbox.Isolation;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.sandbox.SandboxProvider;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.launcher.LivePool;
import io.resourcepool.launcher.escape.EscapeAttempt.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The escape suite: a compute-user tries, job by job, to reach what is not theirs on a node of each sandbox that
 * can run here — the worker's key, the hub's data, another user's running job, the worker's processes, the
 * network, and the machine's processes, memory and disk. Each attempt is a test of its own. An attempt must be
 * refused, or the sandbox's isolation report must say it cannot refuse it; a sandbox that claims a protection
 * and lets the attempt through fails the test. The results make the table in docs/SECURITY.md ({@link EscapeTable}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EscapeSuiteTest {
    private static final Secret TENANT_PASSWORD = Secret.of("tenant-password-for-tests");
    private static final Secret VICTIM_PASSWORD = Secret.of("victim-password-for-tests");

    private final List<Column> columns = new ArrayList<>();
    private final EscapeTable table = new EscapeTable(EscapeAttempts.all());
    private LivePool pool;
    private PoolClient tenant;
    private PoolClient victim;

    /** One node under attack: its sandbox, what the sandbox claims, and the other user's job running there. */
    private record Column(String name, NodeId node, Isolation isolation, EscapeTarget target, JobId victimJob) {}

    @BeforeAll
    void startPoolWithANodePerSandbox(@TempDir Path dir) throws Exception {
        pool = new LivePool(dir, Map.of());
        try (PoolClient admin = pool.admin()) {
            admin.admin().addUser("mallory", Role.COMPUTE_USER, TENANT_PASSWORD);
            admin.admin().addUser("victor", Role.COMPUTE_USER, VICTIM_PASSWORD);
        }
        tenant = pool.connect().login("mallory", TENANT_PASSWORD);
        victim = pool.connect().login("victor", VICTIM_PASSWORD);
        for (String type : List.of("process", "bubblewrap", "oci")) {
            sandbox(type, dir).ifPresent(sandbox -> columns.add(attackable(type, sandbox)));
        }
    }

    @AfterAll
    void stopPoolAndWriteTheTable() throws IOException {
        if (pool == null) {
            return;
        }
        columns.forEach(column -> victim.cancel(column.victimJob()));
        tenant.close();
        victim.close();
        pool.close();
        table.write(columns.stream().map(Column::name).toList());
    }

    @TestFactory
    Stream<DynamicContainer> everyAttemptOnEverySandbox() {
        assumeTrue(!columns.isEmpty(), "no sandbox can run jobs on this host");
        return columns.stream().map(column -> DynamicContainer.dynamicContainer(column.name(),
                EscapeAttempts.all().stream().map(attempt -> DynamicTest.dynamicTest(attempt.name(), () -> check(column, attempt)))));
    }

    private void check(Column column, EscapeAttempt attempt) throws Exception {
        Outcome outcome = attempt.probe().attempt(column.target());
        table.record(column.name(), attempt, outcome, column.isolation().features());
        assumeTrue(outcome.tried(), "could not be tried on " + column.name() + ": " + outcome.evidence());
        if (attempt.promisedBy(column.isolation().features())) {
            assertThat(outcome.escaped()).as("%s claims %s, yet '%s' got through: %s", column.name(), attempt.refusedBy(),
                    attempt.name(), outcome.evidence()).isFalse();
        }
    }

    /** The sandbox of this type as a worker here would make it, or empty when it refuses every job on this host. */
    private static Optional<Sandbox> sandbox(String type, Path dir) {
        Map<String, String> settings = new HashMap<>(Map.of("max-processes", Integer.toString(EscapeAttempts.MAX_PROCESSES)));
        if (type.equals("oci")) {
            if (!TestImages.busyboxPresent()) {
                System.out.println("escape suite: no oci column, the image " + TestImages.BUSYBOX
                        + " is missing (pool-core's OciSandboxTest makes it where podman, runc and busybox-static are installed)");
                return Optional.empty();
            }
            settings.put("default-image", TestImages.BUSYBOX);
        }
        Sandbox sandbox = Providers.select(SandboxProvider.class, type).create(new ProviderConfig(type, "sandbox", dir.resolve(type), settings));
        return sandbox.isolation().description().contains("refuses to run jobs") ? Optional.empty() : Optional.of(sandbox);
    }

    private Column attackable(String type, Sandbox sandbox) {
        try {
            NodeId node = pool.enrollWorker(type, sandbox);
            String secret = "victim-secret-" + HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes()).substring(0, 16);
            String sleep = Integer.toString(600 + columns.size());
            JobId job = victim.submit(JobSpec.of("sh", "-c", "printf %s \"$VICTIM_SECRET\" > note; exec sleep " + sleep)
                    .withEnvironment(Map.of("VICTIM_SECRET", secret)).withTarget(NodeSelector.named(node)).withTimeout(Duration.ofMinutes(10)));
            LivePool.awaitJob(victim, job, Duration.ofSeconds(30), info -> info.state() == JobState.RUNNING);
            Path workerData = pool.dir.resolve(type);
            EscapeTarget.Victim running = new EscapeTarget.Victim(VictimSearch.workDirectory(workerData, secret), VictimSearch.sleeping(sleep), secret);
            String name = type + " (" + VictimSearch.workerUser() + " worker)";
            return new Column(name, node, sandbox.isolation(), new EscapeTarget(tenant, node, workerData, pool.dir.resolve("hub"), running), job);
        } catch (Exception e) {
            throw new AssertionError("could not set up the " + type + " node under attack", e);
        }
    }
}
