package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeResources;
import io.resourcepool.api.ResourceRequest;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.core.client.JobInfo;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.testkit.gpu.FakeGpus;
import io.resourcepool.transport.tls.PeerTrust;
import io.resourcepool.transport.tls.TlsTransport;
import io.resourcepool.transport.tls.TlsTransportConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPUs end to end, on a machine without any: a hub and a worker, each a {@code pool} process, the worker finding
 * three NVIDIA GPUs through a fake {@code nvidia-smi} (one of them busy with work outside the pool) and two AMD GPUs
 * in a fake amdgpu sysfs tree (one busy), and taking their device nodes from a fake device tree. Jobs ask for the
 * NVIDIA model by name ({@code l4}) unless they are about AMD's. What the worker detects reaches {@code pool nodes --long}; jobs wait for
 * free GPUs, are never given the same one, see only theirs, and give them back when they time out, are cancelled or
 * are lost with a worker killed under them; jobs for one model run beside another model's, and each GPU shows the job
 * holding it; a GPU gone from {@code nvidia-smi} is offered no more. One pool serves
 * every test; each leaves its GPUs free.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GpuEndToEndTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Secret ADMIN_PASSWORD = Secret.of("admin-password-for-gpus");
    private static final Pattern LISTENING = Pattern.compile("ResourcePool hub listening on (\\S+):(\\d+)\\n");
    private static final Pattern FINGERPRINT = Pattern.compile("CA fingerprint \\(workers and clients pin it\\): ([0-9a-f:]+)\\n");
    private static final Pattern REGISTERED = Pattern.compile("worker registered with hub \\S+ as node (\\S+)\\n");
    private static final String IDLE_0 = FakeGpus.line(0, "GPU-00000000-idle", "NVIDIA L4", 0, 0);
    private static final String BUSY_1 = FakeGpus.line(1, "GPU-11111111-busy", "NVIDIA L4", 30000, 95);
    private static final String IDLE_2 = FakeGpus.line(2, "GPU-22222222-idle", "NVIDIA L4", 0, 0);
    private static final FakeGpus.Amd AMD_IDLE_0 = new FakeGpus.Amd(0, "a0a0a0a0a0a0a0a0", "AMD Instinct MI210", 0, 0);
    private static final FakeGpus.Amd AMD_BUSY_1 = new FakeGpus.Amd(1, "b1b1b1b1b1b1b1b1", "AMD Instinct MI210", 40000, 90);
    private static final int ALL_GPUS = 5;
    /** Prints the GPUs a job was given and the device nodes it sees, then waits long enough to overlap the others. */
    private static final String SHOW_GPUS = "echo \"visible=$CUDA_VISIBLE_DEVICES\"; sleep ";

    private Path dir;
    private final List<PoolProcess> started = new ArrayList<>();
    private FakeGpus gpus;
    private PoolProcess worker;
    private InetSocketAddress hubAddress;
    private String fingerprint;
    private TlsTransport clients;
    private PoolClient admin;

    @BeforeAll
    void startPool(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        LivePool.passable(dir);
        gpus = FakeGpus.create(Files.createDirectory(dir.resolve("gpus")), IDLE_0, BUSY_1, IDLE_2);
        gpus.stateAmd(AMD_IDLE_0, AMD_BUSY_1);
        PoolProcess hub = start("hub", "--bind", "127.0.0.1:0", "--data-dir", dir.resolve("hub").toString(),
                "--set", "hub.admin-password-env=ADMIN_PASSWORD", "--set", "auth.bcrypt-cost=10",
                "--set", "hub.heartbeat-interval=300ms", "--set", "hub.node-timeout=10s");
        var listening = hub.awaitStdout(LISTENING, START);
        hubAddress = new InetSocketAddress(listening.group(1), Integer.parseInt(listening.group(2)));
        fingerprint = hub.awaitStdout(FINGERPRINT, START).group(1);
        clients = new TlsTransport(TlsTransportConfig.client(PeerTrust.pinned(CertificateFingerprint.parse(fingerprint))));
        admin = PoolClient.connect(clients, hubAddress).login("admin", ADMIN_PASSWORD);
        Files.writeString(dir.resolve("worker.token"), admin.admin().createJoinToken(Duration.ofMinutes(5)).token().reveal());
        startWorker();
    }

    /** Starts the worker, enrolling it on its first start; back from the data directory on a later one. */
    private void startWorker() {
        worker = start("worker", "--hub", hubAddress.getHostString() + ":" + hubAddress.getPort(), "--ca-fingerprint", fingerprint,
                "--join-token-file", dir.resolve("worker.token").toString(), "--data-dir", dir.resolve("worker").toString(),
                "--set", "worker.sandbox=process", "--set", "worker.owner=admin",
                "--set", "worker.nvidia-smi=" + gpus.program(), "--set", "worker.gpu-devices=" + gpus.deviceRoot(),
                "--set", "worker.amdgpu-sysfs=" + gpus.drmClass());
        worker.awaitStdout(REGISTERED, START);
    }

    @AfterEach
    void everyGpuIsBack() {
        gpus.state(IDLE_0, BUSY_1, IDLE_2);
        gpus.stateAmd(AMD_IDLE_0, AMD_BUSY_1);
        await().atMost(PATIENCE).until(() -> offered() == ALL_GPUS);
    }

    @AfterAll
    void stopPool() {
        if (admin != null) {
            admin.close();
        }
        started.forEach(PoolProcess::close);
        if (clients != null) {
            clients.close();
        }
    }

    @Test
    void theDetectedGpusAreShownInNodesWithTheirFigures() {
        await().atMost(PATIENCE).until(() -> offered() == ALL_GPUS);
        List<NodeResources.Gpu> reported = admin.nodes().get(0).resources().gpus();

        assertThat(reported).extracting(NodeResources.Gpu::uuid).containsExactly("GPU-00000000-idle", "GPU-11111111-busy", "GPU-22222222-idle",
                "GPU-a0a0a0a0a0a0a0a0", "GPU-b1b1b1b1b1b1b1b1");
        assertThat(reported.get(1).memoryUsedBytes()).isEqualTo(30000L << 20);
        assertThat(reported.get(1).utilization()).isEqualTo(0.95);
        assertThat(reported.get(4)).satisfies(amd -> {
            assertThat(amd.vendor()).isEqualTo("AMD");
            assertThat(amd.memoryUsedBytes()).isEqualTo(40000L << 20);
            assertThat(amd.utilization()).isEqualTo(0.9);
            assertThat(amd.temperatureCelsius()).isEqualTo(FakeGpus.AMD_TEMPERATURE_MILLIDEGREES / 1000);
        });
        assertThat(cli("nodes", "--long")).contains("GPU-11111111-busy", "NVIDIA L4", "95%", "GPU-b1b1b1b1b1b1b1b1", "AMD Instinct MI210", "90%");
    }

    @Test
    void jobsAreNeverGivenTheSameGpuAndTheBusyOneIsGivenLast() throws Exception {
        List<JobId> jobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            jobs.add(admin.submit(gpuJob(1, SHOW_GPUS + "2")));
        }
        List<String> given = new ArrayList<>();
        for (JobId id : jobs) {
            JobInfo done = awaitJob(id, job -> job.state().isFinal());
            assertThat(done.state()).as(done.reason()).isEqualTo(JobState.SUCCEEDED);
            given.add(done.outputTail().asUtf8().strip());
        }

        assertThat(given).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder("visible=GPU-00000000-idle", "visible=GPU-11111111-busy", "visible=GPU-22222222-idle");
        JobId alone = admin.submit(gpuJob(1, SHOW_GPUS + "0"));
        assertThat(awaitJob(alone, job -> job.state().isFinal()).outputTail().asUtf8()).contains("visible=GPU-00000000-idle");
    }

    @Test
    void aJobWaitsQueuedUntilEnoughGpusAreFree() {
        JobId holder = admin.submit(gpuJob(2, "sleep 3"));
        awaitJob(holder, job -> job.state() == JobState.RUNNING);
        JobId waiting = admin.submit(gpuJob(2, SHOW_GPUS + "0"));
        JobId tooBig = admin.submit(gpuJob(4, "true"));
        JobId otherModel = admin.submit(JobSpec.of("true").withResources(ResourceRequest.NONE.withGpus(1, "a100")));

        assertThat(admin.job(waiting).state()).isEqualTo(JobState.QUEUED);
        JobInfo ran = awaitJob(waiting, job -> job.state().isFinal());
        assertThat(ran.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(ran.startedAt().orElseThrow()).isAfterOrEqualTo(admin.job(holder).finishedAt().orElseThrow());
        assertThat(admin.job(tooBig).state()).isEqualTo(JobState.QUEUED);
        assertThat(admin.job(otherModel).state()).isEqualTo(JobState.QUEUED);
        admin.cancel(tooBig);
        admin.cancel(otherModel);
    }

    @Test
    void gpusAreFreedWhenAJobTimesOutAndWhenItIsCancelled() {
        JobId timedOut = admin.submit(gpuJob(3, "sleep 30").withTimeout(Duration.ofSeconds(1)));
        JobInfo late = awaitJob(timedOut, job -> job.state().isFinal());
        assertThat(late.state()).isEqualTo(JobState.TIMED_OUT);
        assertThat(late.gpus()).isEqualTo(3);
        assertThat(late.gpuSeconds()).as("3 GPUs for at least the 1 s timeout").isGreaterThanOrEqualTo(3.0);
        JobId afterTimeout = admin.submit(gpuJob(3, SHOW_GPUS + "0"));
        assertThat(awaitJob(afterTimeout, job -> job.state().isFinal()).state()).isEqualTo(JobState.SUCCEEDED);

        JobId cancelled = admin.submit(gpuJob(3, "sleep 30"));
        awaitJob(cancelled, job -> job.state() == JobState.RUNNING);
        admin.cancel(cancelled);
        assertThat(awaitJob(cancelled, job -> job.state().isFinal()).state()).isEqualTo(JobState.CANCELLED);
        JobId afterCancel = admin.submit(gpuJob(3, SHOW_GPUS + "0"));

        JobInfo ran = awaitJob(afterCancel, job -> job.state().isFinal());
        assertThat(ran.state()).as(ran.reason()).isEqualTo(JobState.SUCCEEDED);
        assertThat(ran.outputTail().asUtf8()).contains("GPU-00000000-idle", "GPU-11111111-busy", "GPU-22222222-idle");
    }

    @Test
    void aGpuGoneFromNvidiaSmiIsNoLongerOffered() {
        gpus.state(IDLE_0, BUSY_1);
        await().atMost(PATIENCE).until(() -> offered() == ALL_GPUS - 1);

        JobId all = admin.submit(gpuJob(3, "true"));
        JobId two = admin.submit(gpuJob(2, SHOW_GPUS + "0"));

        JobInfo ran = awaitJob(two, job -> job.state().isFinal());
        assertThat(ran.outputTail().asUtf8()).doesNotContain("GPU-22222222-idle");
        assertThat(admin.job(all).state()).isEqualTo(JobState.QUEUED);
        gpus.state(IDLE_0, BUSY_1, IDLE_2);
        assertThat(awaitJob(all, job -> job.state().isFinal()).state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void theGpusOfAJobLostWithItsWorkerAreFreeWhenAWorkerIsBack() {
        JobId holder = admin.submit(gpuJob(3, "sleep 60"));
        JobInfo running = awaitJob(holder, job -> job.state() == JobState.RUNNING);
        List<ProcessHandle> leftOver = worker.killHard();
        // a worker killed this hard leaves its job's processes behind on this sandbox; the machine's next boot would not
        leftOver.forEach(ProcessHandle::destroyForcibly);
        JobId waiting = admin.submit(gpuJob(3, SHOW_GPUS + "0"));

        startWorker();

        JobInfo lost = awaitJob(holder, job -> job.state().isFinal());
        assertThat(lost.state()).as(lost.reason()).isEqualTo(JobState.LOST);
        assertThat(lost.reason()).contains("came back without the job");
        assertThat(lost.gpus()).isEqualTo(3);
        JobInfo ran = awaitJob(waiting, job -> job.state().isFinal());
        assertThat(ran.state()).as(ran.reason()).isEqualTo(JobState.SUCCEEDED);
        assertThat(ran.node()).isEqualTo(running.node());
        assertThat(ran.startedAt().orElseThrow()).as("never two jobs on one GPU").isAfterOrEqualTo(lost.finishedAt().orElseThrow());
        assertThat(ran.outputTail().asUtf8()).contains("GPU-00000000-idle", "GPU-11111111-busy", "GPU-22222222-idle");
    }

    @Test
    void anAmdGpuIsGivenThroughRocmAndOneGoneFromSysfsIsNoLongerOffered() {
        String showRocm = "echo \"rocr=$ROCR_VISIBLE_DEVICES hip=$HIP_VISIBLE_DEVICES cuda=[$CUDA_VISIBLE_DEVICES]\"";
        JobId first = admin.submit(JobSpec.of("sh", "-c", showRocm).withResources(ResourceRequest.NONE.withGpus(1, "mi210")));
        JobInfo ran = awaitJob(first, job -> job.state().isFinal());
        assertThat(ran.state()).as(ran.reason()).isEqualTo(JobState.SUCCEEDED);
        assertThat(ran.outputTail().asUtf8()).contains("rocr=GPU-a0a0a0a0a0a0a0a0 hip=0 cuda=[]");

        gpus.stateAmd(AMD_BUSY_1);
        await().atMost(PATIENCE).until(() -> offered() == ALL_GPUS - 1);
        JobId both = admin.submit(JobSpec.of("true").withResources(ResourceRequest.NONE.withGpus(2, "mi210")));
        JobId one = admin.submit(JobSpec.of("sh", "-c", showRocm).withResources(ResourceRequest.NONE.withGpus(1, "mi210")));

        JobInfo onTheBusyOne = awaitJob(one, job -> job.state().isFinal());
        assertThat(onTheBusyOne.outputTail().asUtf8()).contains("rocr=GPU-b1b1b1b1b1b1b1b1 hip=0");
        assertThat(admin.job(both).state()).isEqualTo(JobState.QUEUED);
        admin.cancel(both);
    }

    @Test
    void onThisMixedNodeL4JobsRunBesideMi210JobsAndEachGpuShowsTheJobHoldingIt() {
        JobId mi210s = admin.submit(JobSpec.of("sleep", "30").withResources(ResourceRequest.NONE.withGpus(2, "mi210")));
        awaitJob(mi210s, job -> job.state() == JobState.RUNNING);
        JobId l4s = admin.submit(gpuJob(3, "sleep 30"));

        awaitJob(l4s, job -> job.state() == JobState.RUNNING);
        await().atMost(PATIENCE).until(() -> admin.nodes().get(0).resources().gpus().stream().allMatch(NodeResources.Gpu::busy));
        assertThat(admin.nodes().get(0).resources().gpus()).extracting(NodeResources.Gpu::heldBy)
                .containsExactly(l4s.toString(), l4s.toString(), l4s.toString(), mi210s.toString(), mi210s.toString());
        assertThat(cli("nodes", "--long")).contains("held by job " + l4s, "held by job " + mi210s).doesNotContain("°C, free");
        admin.cancel(l4s);
        admin.cancel(mi210s);
        awaitJob(l4s, job -> job.state().isFinal());
        await().atMost(PATIENCE).until(() -> admin.nodes().get(0).resources().gpus().stream().noneMatch(NodeResources.Gpu::busy));
        assertThat(cli("nodes", "--long")).contains("°C, free").doesNotContain("held by job");
        awaitJob(mi210s, job -> job.state().isFinal());
        assertThat(cli("usage")).containsPattern("USER +GPU-SECONDS\\n").containsPattern("admin +[0-9]+\\.[0-9]\\n");
        assertThat(cli("usage", "-o", "json")).contains("\"username\":\"admin\"", "\"gpuSeconds\":");
    }

    @Test
    void aJobGivenNoGpuSeesNoneAndPoolRunGivesThemByFlag() {
        assertThat(cli("run", "--", "sh", "-c", "echo \"none=[$CUDA_VISIBLE_DEVICES] $NVIDIA_VISIBLE_DEVICES\"")).contains("none=[] void");
        assertThat(cli("run", "--gpus", "1", "--gpu-model", "l4", "--", "sh", "-c", "echo \"$CUDA_VISIBLE_DEVICES\"")).contains("GPU-00000000-idle");
    }

    private static JobSpec gpuJob(int count, String script) {
        return JobSpec.of("sh", "-c", script).withResources(ResourceRequest.NONE.withGpus(count, "l4"));
    }

    private int offered() {
        return admin.nodes().stream().mapToInt(n -> n.resources().gpus().size()).sum();
    }

    private JobInfo awaitJob(JobId id, Predicate<JobInfo> condition) {
        return PoolProcess.awaitJob(admin, id, PATIENCE, condition, started);
    }

    /** Runs {@code pool ARGS} in this JVM as admin, logging in first when needed; what it printed. */
    private String cli(String... args) {
        Path session = dir.resolve("session");
        if (!Files.exists(session)) {
            Path password = dir.resolve("password");
            try {
                Files.writeString(password, ADMIN_PASSWORD.reveal() + "\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            assertThat(execute("login", "--hub", hubAddress.getHostString() + ":" + hubAddress.getPort(), "--ca-fingerprint", fingerprint,
                    "--user", "admin", "--password-file", password.toString())).isNotNull();
        }
        return execute(args);
    }

    private String execute(String... args) {
        List<String> line = new ArrayList<>(List.of(args));
        // before any "--", after which everything is the job's command
        line.addAll(1, List.of("--set", "client.session-file=" + dir.resolve("session")));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = line.toArray(String[]::new);
        int code = PoolCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), all).execute(all);
        assertThat(code).as("pool %s\nstdout:\n%s\nstderr:\n%s", line, out, err).isZero();
        return out.toString();
    }

    private PoolProcess start(String... args) {
        PoolProcess process = PoolProcess.start(dir, Map.of("ADMIN_PASSWORD", ADMIN_PASSWORD.reveal()), List.of(args));
        started.add(process);
        return process;
    }
}
