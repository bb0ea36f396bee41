package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.core.client.JobInfo;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.transport.tls.PeerTrust;
import io.resourcepool.transport.tls.TlsTransport;
import io.resourcepool.transport.tls.TlsTransportConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes, with the {@code pool} command in separate processes killed by SIGKILL (no shutdown hook, nothing closed
 * cleanly) and real processes for jobs: a worker killed mid-job loses it, which is then not run again, or runs
 * again on another worker when its spec asks for a retry; a hub killed mid-job and started again on the same
 * data directory records the job's right end, whether the job ended while the hub was down or after.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CrashRecoveryTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Secret ADMIN_PASSWORD = Secret.of("admin-password-for-crashes");
    private static final Pattern LISTENING = Pattern.compile("ResourcePool hub listening on (\\S+):(\\d+)\\n");
    private static final Pattern FINGERPRINT = Pattern.compile("CA fingerprint \\(workers and clients pin it\\): ([0-9a-f:]+)\\n");
    private static final Pattern REGISTERED = Pattern.compile("worker registered with hub \\S+ as node (\\S+)\\n");

    @TempDir
    Path dir;

    private final List<PoolProcess> started = new ArrayList<>();
    private final List<ProcessHandle> leftOver = new ArrayList<>();
    private PoolProcess hub;
    private InetSocketAddress hubAddress;
    private String fingerprint;
    private TlsTransport clients;
    private Path runs;

    @BeforeEach
    void prepare() throws IOException {
        // jobs run as an unprivileged user when the test runs as root: they must be able to reach and write here
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Path shared = Files.createDirectory(dir.resolve("shared"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        // every attempt of a job has a uid of its own: each must be able to add its line to the one record
        runs = Files.createFile(shared.resolve("runs"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-")));
        Files.setPosixFilePermissions(runs, PosixFilePermissions.fromString("rw-rw-rw-"));
    }

    /** Whether a job has written its first line to the record of runs. */
    private boolean recorded() {
        try {
            return Files.size(runs) > 0;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void leaveNothingRunning() {
        started.forEach(PoolProcess::close);
        leftOver.forEach(ProcessHandle::destroyForcibly);
        if (clients != null) {
            clients.close();
        }
    }

    @Test
    void aWorkerKilledMidJobLosesItAndTheJobIsNotRunAgain() throws Exception {
        startHub("127.0.0.1:0", "3s");
        Map<NodeId, PoolProcess> workers = startWorkers("w1", "w2");
        try (PoolClient admin = admin()) {
            JobId id = admin.submit(JobSpec.of("sh", "-c", "echo started >> " + runs + "; sleep 30"));
            JobInfo running = awaitJob(admin, id, job -> job.state() == JobState.RUNNING && recorded());

            leftOver.addAll(workers.get(running.node().orElseThrow()).killHard());

            JobInfo lost = awaitJob(admin, id, job -> job.state().isFinal());
            assertThat(lost.state()).isEqualTo(JobState.LOST);
            assertThat(lost.attempt()).isEqualTo(1);
            assertThat(lost.reason()).contains("was not heard from");
            assertThat(admin.admin().audit("", "job.requeued", 10)).isEmpty();
            assertThat(Files.readAllLines(runs)).containsExactly("started");
        }
    }

    @Test
    void aWorkerKilledMidJobWithARetryLeftRunsTheJobAgainOnAnotherWorker() throws Exception {
        startHub("127.0.0.1:0", "3s");
        Map<NodeId, PoolProcess> workers = startWorkers("w1", "w2");
        try (PoolClient admin = admin()) {
            JobId id = admin.submit(JobSpec.of("sh", "-c", "echo started >> " + runs + "; sleep 2; echo done").withRetries(1));
            JobInfo first = awaitJob(admin, id, job -> job.state() == JobState.RUNNING && recorded());
            NodeId killed = first.node().orElseThrow();

            leftOver.addAll(workers.get(killed).killHard());

            JobInfo done = awaitJob(admin, id, job -> job.state().isFinal());
            assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(done.attempt()).isEqualTo(2);
            assertThat(done.node()).isPresent().get().isNotEqualTo(killed);
            assertThat(done.outputTail().asUtf8()).contains("done");
            assertThat(admin.admin().audit("", "job.requeued", 10)).singleElement()
                    .satisfies(row -> assertThat(row.detail()).contains("node " + killed, "attempt 1 is lost and attempt 2 waits"));
            assertThat(Files.readAllLines(runs)).containsExactly("started", "started");
        }
    }

    @Test
    void aHubKilledMidJobAndStartedAgainRecordsTheJobsEndThatCameAfter() throws Exception {
        startHub("127.0.0.1:0", "15s");
        startWorkers("w1");
        JobId id;
        try (PoolClient admin = admin()) {
            id = admin.submit(JobSpec.of("sh", "-c", "echo started >> " + runs + "; sleep 4; echo finished; exit 7"));
            awaitJob(admin, id, job -> job.state() == JobState.RUNNING && recorded());
        }

        restartHubAfterSigkill();

        try (PoolClient admin = admin()) {
            JobInfo done = awaitJob(admin, id, job -> job.state().isFinal());
            assertThat(done.state()).isEqualTo(JobState.FAILED);
            assertThat(done.exitCode()).contains(7);
            assertThat(done.attempt()).isEqualTo(1);
            assertThat(done.outputTail().asUtf8()).contains("finished");
            assertThat(Files.readAllLines(runs)).containsExactly("started");
        }
    }

    @Test
    void aHubKilledMidJobAndStartedAgainRecordsTheJobsEndThatCameWhileItWasDown() throws Exception {
        startHub("127.0.0.1:0", "15s");
        startWorkers("w1");
        JobId id;
        try (PoolClient admin = admin()) {
            id = admin.submit(JobSpec.of("sh", "-c", "echo started >> " + runs + "; sleep 1; echo while-down; echo ended >> " + runs));
            awaitJob(admin, id, job -> job.state() == JobState.RUNNING && recorded());
        }
        leftOver.addAll(hub.killHard());
        await().atMost(PATIENCE).until(() -> Files.readAllLines(runs).contains("ended"));

        startHub(hubAddress.getHostString() + ":" + hubAddress.getPort(), "15s");

        try (PoolClient admin = admin()) {
            JobInfo done = awaitJob(admin, id, job -> job.state().isFinal());
            assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(done.exitCode()).contains(0);
            assertThat(done.outputTail().asUtf8()).contains("while-down");
            assertThat(Files.readAllLines(runs)).containsExactly("started", "ended");
        }
    }

    @Test
    void aHubKilledAfterAJobPrintedStoresThatOutputFromTheWorkersCopy() throws Exception {
        startHub("127.0.0.1:0", "15s");
        startWorkers("w1");
        Path go = dir.resolve("go");
        JobId id;
        try (PoolClient admin = admin()) {
            id = admin.submit(JobSpec.of("sh", "-c", "echo printed-before-the-kill; while [ ! -e " + go + " ]; do sleep 0.1; done; echo after"));
            awaitJob(admin, id, job -> job.state() == JobState.RUNNING && job.outputTail().asUtf8().contains("printed-before-the-kill"));
        }

        restartHubAfterSigkill();
        Files.createFile(go);

        try (PoolClient admin = admin()) {
            JobInfo done = awaitJob(admin, id, job -> job.state().isFinal());
            assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(done.outputTail().asUtf8())
                    .contains("[the hub missed 24 bytes of this attempt's output; the worker's copy of its last 24 bytes follows]")
                    .containsSubsequence("printed-before-the-kill", "after");
        }
    }

    private void restartHubAfterSigkill() {
        leftOver.addAll(hub.killHard());
        startHub(hubAddress.getHostString() + ":" + hubAddress.getPort(), "15s");
    }

    private void startHub(String bind, String nodeTimeout) {
        hub = start(Map.of("ADMIN_PASSWORD", ADMIN_PASSWORD.reveal()), "hub", "--bind", bind, "--data-dir", dir.resolve("hub").toString(),
                "--set", "hub.admin-password-env=ADMIN_PASSWORD", "--set", "auth.bcrypt-cost=10",
                "--set", "hub.heartbeat-interval=500ms", "--set", "hub.node-timeout=" + nodeTimeout);
        var listening = hub.awaitStdout(LISTENING, START);
        hubAddress = new InetSocketAddress(listening.group(1), Integer.parseInt(listening.group(2)));
        fingerprint = hub.awaitStdout(FINGERPRINT, START).group(1);
        if (clients == null) {
            clients = new TlsTransport(TlsTransportConfig.client(PeerTrust.pinned(CertificateFingerprint.parse(fingerprint))));
        }
    }

    private Map<NodeId, PoolProcess> startWorkers(String... names) throws IOException {
        Map<NodeId, PoolProcess> workers = new HashMap<>();
        for (String name : names) {
            Path token = dir.resolve(name + ".token");
            try (PoolClient admin = admin()) {
                Files.writeString(token, admin.admin().createJoinToken(Duration.ofMinutes(5)).token().reveal());
            }
            PoolProcess worker = start(Map.of(), "worker", "--hub", hubAddress.getHostString() + ":" + hubAddress.getPort(),
                    "--ca-fingerprint", fingerprint, "--join-token-file", token.toString(), "--data-dir", dir.resolve(name).toString(),
                    // the jobs record their runs in a file of the host, which only the process sandbox lets them reach;
                    // admin owns the workers, so that its jobs run also where they would share a worker's identity
                    "--set", "worker.sandbox=process", "--set", "worker.owner=admin");
            workers.put(NodeId.of(worker.awaitStdout(REGISTERED, START).group(1)), worker);
        }
        return workers;
    }

    private PoolProcess start(Map<String, String> environment, String... args) {
        PoolProcess process = PoolProcess.start(dir, environment, List.of(args));
        started.add(process);
        return process;
    }

    private PoolClient admin() {
        return PoolClient.connect(clients, hubAddress).login("admin", ADMIN_PASSWORD);
    }

    private JobInfo awaitJob(PoolClient admin, JobId id, java.util.function.Predicate<JobInfo> condition) {
        return PoolProcess.awaitJob(admin, id, PATIENCE, condition, started);
    }

    private String transcripts() {
        return PoolProcess.transcripts(started);
    }
}
