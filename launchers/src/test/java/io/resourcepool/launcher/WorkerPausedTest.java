package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.core.client.AuditRow;
import io.resourcepool.core.client.JobInfo;
import io.resourcepool.core.client.NodeInfo;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.launcher.PoolProcess.Finished;
import io.resourcepool.transport.tls.PeerTrust;
import io.resourcepool.transport.tls.TlsTransport;
import io.resourcepool.transport.tls.TlsTransportConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker's JVM stopped by SIGSTOP (a paused VM, a swapped-out machine, a debugger) for longer than every timeout
 * of the hub, then continued, with the {@code pool} command in separate processes and real processes for jobs.
 * Meanwhile the hub serves as usual and gives the stopped worker's jobs up; once continued, the worker stops what
 * the hub gave up, reconnects by itself and runs jobs again, and no job runs twice or ends twice.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WorkerPausedTest {
    private static final Duration START = PoolProcesses.START;
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Well past the node timeout (3 s), the heartbeat deadline it implies and the write timeout (2 s). */
    private static final Duration PAUSE = Duration.ofSeconds(10);
    private static final Secret ADMIN_PASSWORD = Secret.of("admin-password-for-pauses");
    private static final Pattern LISTENING = Pattern.compile("ResourcePool hub listening on (\\S+):(\\d+)\\n");

    @TempDir
    Path dir;

    private final List<PoolProcess> started = new ArrayList<>();
    private PoolProcess hub;
    private String hubAddress;
    private String fingerprint;
    private TlsTransport clients;
    private Path shared;

    @BeforeEach
    void prepare() throws IOException {
        // jobs run as an unprivileged user when the test runs as root: they must be able to reach and write here
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @AfterEach
    void leaveNothingRunning() {
        started.forEach(PoolProcess::close);
        if (clients != null) {
            clients.close();
        }
    }

    @Test
    void aWorkerStoppedPastEveryTimeoutIsGivenUpThenComesBackWithoutRunningAnythingTwice() throws IOException {
        startHub();
        PoolProcess workerA = startWorker("a");
        NodeId a = registered(workerA);
        login();
        try (PoolClient admin = admin()) {
            JobId lost = admin.submit(marked("L").withTarget(NodeSelector.named(a)));
            // the only node when it is placed, so its first attempt is on A and its second can only be on B
            JobId retried = admin.submit(marked("R").withRetries(1));
            for (JobId id : List.of(lost, retried)) {
                awaitJob(admin, id, job -> job.state() == JobState.RUNNING && job.node().equals(Optional.of(a)));
            }
            awaitRuns(List.of("L", "R"));
            assertThat(jobProcesses(workerA)).as("the jobs' processes below worker A").isNotEmpty();
            NodeId b = registered(startWorker("b"));

            long stoppedAt = System.nanoTime();
            workerA.signal("STOP");
            try {
                whileStopped(admin, a, b, lost, retried);
                await().atMost(PATIENCE).until(() -> System.nanoTime() - stoppedAt >= PAUSE.toNanos());
            } finally {
                workerA.signal("CONT");
            }
            onceContinued(admin, workerA, a, stoppedAt);
            neverTwice(admin, a, b, lost, retried);
        }
    }

    /** The worker stops the attempts the hub gave up, comes back online by itself and runs jobs again. */
    private void onceContinued(PoolClient admin, PoolProcess workerA, NodeId a, long stoppedAt) {
        long continuedAt = System.nanoTime();
        await().atMost(PATIENCE).until(() -> online(admin, a));
        Duration back = Duration.ofNanos(System.nanoTime() - continuedAt);
        await().atMost(PATIENCE).until(() -> jobProcesses(workerA).isEmpty());
        Duration stopped = Duration.ofNanos(System.nanoTime() - continuedAt);
        System.out.printf("worker stopped for %s: online again %s after SIGCONT, its given-up jobs' processes gone after %s%n",
                Duration.ofNanos(continuedAt - stoppedAt), back, stopped);

        Finished run = cli("run", "--node", a.value(), "--", "true");
        assertThat(run.exitCode()).as(() -> run.transcript() + "\n" + transcripts()).isZero();
    }

    /**
     * The same for a client: a {@code pool logs --follow} of a job that prints without end, stopped past the write
     * timeout, is cut off by the hub (dropped for falling behind, or its connection closed), and once continued ends
     * with how to reattach and exit code 1 rather than hanging; the job runs on.
     */
    @Test
    void aFollowerStoppedPastTheWriteTimeoutEndsOnceContinuedSayingHowToReattach() throws IOException {
        startHub();
        NodeId a = registered(startWorker("a"));
        login();
        try (PoolClient admin = admin()) {
            JobId chatty = admin.submit(JobSpec.of("sh", "-c", "while :; do seq 1 50000; sleep 0.05; done").withOutputCap(1L << 30));
            awaitJob(admin, chatty, job -> job.state() == JobState.RUNNING);
            PoolProcess follower = start(Map.of(), "logs", "--follow", chatty.toString(), "--set", "client.session-file=" + dir.resolve("session"));
            follower.awaitStdout(Pattern.compile("\n49999\n"), PATIENCE);

            long stoppedAt = System.nanoTime();
            follower.signal("STOP");
            try {
                Finished run = cli("run", "--node", a.value(), "--", "true");
                assertThat(run.exitCode()).as(() -> "a run while a follower is stopped\n" + run.transcript()).isZero();
                await().atMost(PATIENCE).until(() -> System.nanoTime() - stoppedAt >= PAUSE.toNanos());
            } finally {
                follower.signal("CONT");
            }

            Finished ended = follower.awaitExit(PATIENCE);
            // what it printed is megabytes of numbers: its stderr says enough
            assertThat(ended.exitCode()).as(ended::stderr).isEqualTo(1);
            assertThat(ended.stderr()).contains("`pool logs --follow " + chatty + "`");
            System.out.printf("a follower stopped for %s ended with: %s%n", Duration.ofNanos(System.nanoTime() - stoppedAt), ended.stderr().strip());
            assertThat(admin.job(chatty).state()).as("the job runs on").isEqualTo(JobState.RUNNING);
            admin.cancel(chatty);
            awaitJob(admin, chatty, job -> job.state() == JobState.CANCELLED);
        }
    }

    /** The hub serves on: the stopped node is offline, others run jobs, and its jobs are given up. */
    private void whileStopped(PoolClient admin, NodeId a, NodeId b, JobId lost, JobId retried) throws IOException {
        JobInfo gone = awaitJob(admin, lost, job -> job.state().isFinal());
        assertThat(gone.state()).isEqualTo(JobState.LOST);
        assertThat(gone.reason()).contains("node " + a + " was not heard from");
        JobInfo again = awaitJob(admin, retried, job -> job.attempt() == 2 && job.state() == JobState.RUNNING);
        assertThat(again.node()).contains(b);
        awaitRuns(List.of("L", "R", "R"));

        Finished nodes = cli("nodes");
        assertThat(nodes.exitCode()).as(nodes::transcript).isZero();
        assertThat(nodes.stdout()).as(nodes::transcript)
                .containsPattern("(?m)^" + Pattern.quote(a.value()) + "\\s+offline\\s")
                .containsPattern("(?m)^" + Pattern.quote(b.value()) + "\\s+online\\s");
        Finished status = cli("status");
        assertThat(status.stdout()).as(status::transcript).containsPattern("(?m)^online nodes\\s+1$");
        Finished run = cli("run", "--node", b.value(), "--", "true");
        assertThat(run.exitCode()).as(() -> run.transcript() + "\n" + transcripts()).isZero();
    }

    /** After the worker came back: each job started once per attempt and ended once, and the given-up ones stay so. */
    private void neverTwice(PoolClient admin, NodeId a, NodeId b, JobId lost, JobId retried) throws IOException {
        assertThat(admin.job(lost).state()).isEqualTo(JobState.LOST);
        JobInfo onB = admin.job(retried);
        assertThat(onB.state()).isEqualTo(JobState.RUNNING);
        assertThat(onB.attempt()).isEqualTo(2);
        assertThat(onB.node()).contains(b);
        admin.cancel(retried);
        awaitJob(admin, retried, job -> job.state().isFinal());

        assertThat(recordedRuns()).containsExactlyInAnyOrder("L", "R", "R");
        List<AuditRow> ended = admin.admin().audit("", "job.finished", 100);
        assertThat(ended).filteredOn(row -> row.target().equals(lost.toString())).singleElement()
                .satisfies(row -> assertThat(row.detail()).startsWith("LOST").contains("on " + a));
        assertThat(ended).filteredOn(row -> row.target().equals(retried.toString())).singleElement()
                .satisfies(row -> assertThat(row.detail()).startsWith("CANCELLED").contains("on " + b));
        assertThat(admin.admin().audit("", "job.requeued", 10)).singleElement()
                .satisfies(row -> assertThat(row.detail()).contains("node " + a, "attempt 1 is lost and attempt 2 waits"));
    }

    /**
     * A job that records each start in a file of its own in the shared directory (each attempt runs under a uid of its
     * own, which could not write a file an earlier one made), then runs far longer than the test needs it to.
     */
    private JobSpec marked(String mark) {
        return JobSpec.of("sh", "-c", "mktemp " + shared.resolve(mark) + ".XXXXXX; exec sleep 300");
    }

    private void startHub() {
        hub = start(Map.of("ADMIN_PASSWORD", ADMIN_PASSWORD.reveal()), "hub", "--bind", "127.0.0.1:0", "--data-dir", dir.resolve("hub").toString(),
                "--set", "hub.admin-password-env=ADMIN_PASSWORD", "--set", "auth.bcrypt-cost=10",
                "--set", "hub.heartbeat-interval=1s", "--set", "hub.node-timeout=3s", "--set", "hub.write-timeout=2s");
        Matcher listening = hub.awaitStdout(LISTENING, START);
        hubAddress = listening.group(1) + ":" + listening.group(2);
        fingerprint = hub.awaitStdout(PoolProcesses.FINGERPRINT, START).group(1);
        clients = new TlsTransport(TlsTransportConfig.client(PeerTrust.pinned(CertificateFingerprint.parse(fingerprint))));
    }

    private PoolProcess startWorker(String name) throws IOException {
        Path token = dir.resolve(name + ".token");
        try (PoolClient admin = admin()) {
            Files.writeString(token, admin.admin().createJoinToken(Duration.ofMinutes(5)).token().reveal());
        }
        // the jobs record their runs in a file of the host, which only the process sandbox lets them reach;
        // admin owns the workers, so that its jobs run also where they would share a worker's identity
        return start(Map.of(), "worker", "--hub", hubAddress, "--ca-fingerprint", fingerprint, "--join-token-file", token.toString(),
                "--data-dir", dir.resolve(name).toString(), "--set", "worker.sandbox=process", "--set", "worker.owner=admin");
    }

    private static NodeId registered(PoolProcess worker) {
        return NodeId.of(worker.awaitStdout(PoolProcesses.REGISTERED, START).group(1));
    }

    private void login() {
        Finished login = cli("login", "--hub", hubAddress, "--ca-fingerprint", fingerprint, "--user", "admin", "--password-env", "ADMIN_PASSWORD");
        assertThat(login.exitCode()).as(login::transcript).isZero();
    }

    /** A client command in its own process, with the admin's session file. */
    private Finished cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        int end = all.contains("--") ? all.indexOf("--") : all.size();
        all.addAll(end, List.of("--set", "client.session-file=" + dir.resolve("session")));
        return start(Map.of("ADMIN_PASSWORD", ADMIN_PASSWORD.reveal()), all.toArray(String[]::new)).awaitExit(PATIENCE);
    }

    private PoolProcess start(Map<String, String> environment, String... args) {
        PoolProcess process = PoolProcess.start(dir, environment, List.of(args));
        started.add(process);
        return process;
    }

    private PoolClient admin() {
        int colon = hubAddress.lastIndexOf(':');
        return PoolClient.connect(clients, new InetSocketAddress(hubAddress.substring(0, colon), Integer.parseInt(hubAddress.substring(colon + 1))))
                .login("admin", ADMIN_PASSWORD);
    }

    private static boolean online(PoolClient admin, NodeId node) {
        return admin.nodes().stream().filter(n -> n.id().equals(node)).anyMatch(NodeInfo::online);
    }

    /** The jobs' processes still running below the worker's JVM. */
    private static List<ProcessHandle> jobProcesses(PoolProcess worker) {
        return worker.descendants().stream().filter(p -> p.info().commandLine().orElse("").contains("sleep")).toList();
    }

    /** Waits until the jobs have recorded as many starts as expected, then checks they are exactly those. */
    private void awaitRuns(List<String> expected) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (recordedRuns().size() < expected.size() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        assertThat(recordedRuns()).as(this::transcripts).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** The marks of the jobs' starts so far, one per start. */
    private List<String> recordedRuns() {
        try (Stream<Path> files = Files.list(shared)) {
            return files.map(file -> file.getFileName().toString().replaceFirst("\\..*", "")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JobInfo awaitJob(PoolClient admin, JobId id, Predicate<JobInfo> condition) {
        return PoolProcess.awaitJob(admin, id, PATIENCE, condition, started);
    }

    private String transcripts() {
        return PoolProcess.transcripts(started);
    }
}
