package io.resourcepool.launcher;

import io.resourcepool.api.JobId;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.core.client.JobInfo;
import io.resourcepool.core.client.JoinTokenGrant;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.launcher.config.Settings;
import io.resourcepool.launcher.hub.HubRuntime;
import io.resourcepool.launcher.worker.WorkerRuntime;
import io.resourcepool.transport.tls.PeerTrust;
import io.resourcepool.transport.tls.TlsTransport;
import io.resourcepool.transport.tls.TlsTransportConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * A real pool for end-to-end tests: a hub on a SQLite file with its own CA, workers enrolled by join token
 * over TLS on loopback, OSHI probes and the process sandbox.
 */
public final class LivePool implements AutoCloseable {
    public static final Secret ADMIN_PASSWORD = Secret.of("admin-password-for-tests");

    public final Path dir;
    public final HubRuntime hub;
    final TlsTransport clientTransport;
    final List<WorkerRuntime> workers = new ArrayList<>();

    public LivePool(Path dir, Map<String, String> extraSettings) {
        this.dir = dir;
        passable(dir);
        hub = HubRuntime.start(hubSettings(dir, extraSettings), Optional.of(ADMIN_PASSWORD));
        clientTransport = new TlsTransport(TlsTransportConfig.client(PeerTrust.pinned(CertificateFingerprint.parse(hub.caFingerprint()))));
    }

    /**
     * The settings of a test pool's hub, its data in {@code dir/hub}, listening on a free loopback port unless the extra
     * settings say otherwise.
     */
    static Settings hubSettings(Path dir, Map<String, String> extraSettings) {
        Map<String, String> settings = new HashMap<>(Map.of("hub.bind", "127.0.0.1:0", "hub.data-dir", dir.resolve("hub").toString(),
                "auth.bcrypt-cost", "10", "hub.heartbeat-interval", "1s", "hub.node-timeout", "5s"));
        settings.putAll(extraSettings);
        return Settings.load(Optional.empty(), settings, Map.of());
    }

    /** As /var/lib is: a root worker's jobs, under uids of their own, go through it to their work directories. */
    static void passable(Path dir) {
        try {
            java.nio.file.Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public PoolClient connect() {
        return PoolClient.connect(clientTransport, hub.address());
    }

    public PoolClient admin() {
        return connect().login("admin", ADMIN_PASSWORD);
    }

    JoinTokenGrant joinToken(Duration ttl) {
        try (PoolClient admin = admin()) {
            return admin.admin().createJoinToken(ttl);
        }
    }

    WorkerRuntime startWorker(String name, Secret joinToken) {
        return startWorker(WorkerRuntime.Plan.withDefaults(hub.address(), hub.caFingerprint(), dir.resolve(name),
                Map.of("name", name), Optional.of(joinToken), Optional.of(name)));
    }

    /** Starts a worker with its own sandbox type and settings, enrolled with a fresh join token. */
    NodeId enrollWorker(String name, String sandboxType, Map<String, String> sandboxSettings) throws Exception {
        WorkerRuntime.Plan plan = WorkerRuntime.Plan.withDefaults(hub.address(), hub.caFingerprint(), dir.resolve(name),
                Map.of("name", name), Optional.of(joinToken(Duration.ofMinutes(5)).token()), Optional.of(name));
        return startWorker(plan.withSandbox(sandboxType, sandboxSettings)).worker().registered().get();
    }

    /** Starts a worker with this sandbox instance, enrolled with a fresh join token; its data directory is {@code dir/name}. */
    public NodeId enrollWorker(String name, Sandbox sandbox) throws Exception {
        WorkerRuntime.Plan plan = WorkerRuntime.Plan.withDefaults(hub.address(), hub.caFingerprint(), dir.resolve(name),
                Map.of("name", name), Optional.of(joinToken(Duration.ofMinutes(5)).token()), Optional.of(name));
        return startWorker(plan, Optional.of(sandbox)).worker().registered().get();
    }

    /** Starts a worker enrolled with a fresh join token, its plan changed as given; its data directory is {@code dir/name}. */
    WorkerRuntime startWorker(String name, java.util.function.UnaryOperator<WorkerRuntime.Plan> tuning) {
        WorkerRuntime.Plan plan = WorkerRuntime.Plan.withDefaults(hub.address(), hub.caFingerprint(), dir.resolve(name),
                Map.of("name", name), Optional.of(joinToken(Duration.ofMinutes(5)).token()), Optional.of(name));
        return startWorker(tuning.apply(plan));
    }

    private WorkerRuntime startWorker(WorkerRuntime.Plan plan) {
        return startWorker(plan, Optional.empty());
    }

    private WorkerRuntime startWorker(WorkerRuntime.Plan plan, Optional<Sandbox> sandbox) {
        // every user of a test pool is the one running the tests: under a worker that is not root, whose jobs share
        // its identity, they all may run
        WorkerRuntime worker = WorkerRuntime.start(plan.withJobs(new io.resourcepool.core.worker.WorkerConfig.JobPolicy("", true, false)),
                sandbox);
        workers.add(worker);
        return worker;
    }

    NodeId enrollWorker(String name) throws Exception {
        return startWorker(name, joinToken(Duration.ofMinutes(5)).token()).worker().registered().get();
    }

    /**
     * Polls the hub with a deadline until the job meets the condition: its state changes on the worker's schedule,
     * not the test's.
     */
    public static JobInfo awaitJob(PoolClient client, JobId id, Duration patience, Predicate<JobInfo> condition) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            JobInfo job = client.job(id);
            if (condition.test(job)) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + id + " did not reach the expected state within " + patience + "; last seen " + job
                        + " with output:\n" + job.outputTail().asUtf8());
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    @Override
    public void close() {
        workers.forEach(WorkerRuntime::close);
        clientTransport.close();
        hub.close();
    }
}
