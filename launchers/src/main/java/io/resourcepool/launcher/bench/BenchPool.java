package io.resourcepool.launcher.bench;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A live pool for benchmarks, on loopback in this process: a hub on SQLite in a scratch directory, its workers
 * enrolled with join tokens over TLS, and a compute user. Everything it starts, it stops.
 */
final class BenchPool implements AutoCloseable {
    static final Secret USER_PASSWORD = Secret.of("bench-user-password");
    /** The sandbox type that starts no process: a command exits 0 at once, to measure the pool's own path. */
    static final String NO_PROCESS = "none";

    private final HubRuntime hub;
    private final TlsTransport clientTransport;
    private final List<WorkerRuntime> workers = new ArrayList<>();

    BenchPool(Path dir, int workerCount, int bcryptCost) throws Exception {
        this(dir, workerCount, bcryptCost, false);
    }

    BenchPool(Path dir, int workerCount, int bcryptCost, boolean hubOnly) throws Exception {
        this(dir, workerCount, bcryptCost, hubOnly, Map.of());
    }

    /** A pool of process-sandbox workers (or, with {@code hubOnly}, none that start a process) whose hub also has these settings. */
    BenchPool(Path dir, int workerCount, int bcryptCost, boolean hubOnly, Map<String, String> extraSettings) throws Exception {
        this(dir, workerCount, bcryptCost, hubOnly ? NO_PROCESS : "process", extraSettings, Map.of());
    }

    /**
     * A pool whose workers run commands in the sandbox of this type ({@link #NO_PROCESS}: in none), and whose hub
     * also has the given settings, such as {@code http.bind}; {@code sandboxSettings} go to the workers' sandbox.
     */
    BenchPool(Path dir, int workerCount, int bcryptCost, String sandboxType, Map<String, String> extraSettings,
            Map<String, String> sandboxSettings) throws Exception {
        this(dir, dir, workerCount, bcryptCost, sandboxType, extraSettings, sandboxSettings);
    }

    /** As above, the workers keeping their data and their jobs' directories in {@code workerDir}. */
    BenchPool(Path dir, Path workerDir, int workerCount, int bcryptCost, String sandboxType, Map<String, String> extraSettings,
            Map<String, String> sandboxSettings) throws Exception {
        Map<String, String> values = new java.util.HashMap<>(Map.of("hub.bind", "127.0.0.1:0", "hub.data-dir", dir.resolve("hub").toString(),
                "auth.bcrypt-cost", Integer.toString(bcryptCost), "hub.heartbeat-interval", "2s", "hub.node-timeout", "10s"));
        values.putAll(extraSettings);
        Settings settings = Settings.load(Optional.empty(), values, Map.of());
        hub = HubRuntime.start(settings, Optional.empty());
        clientTransport = new TlsTransport(TlsTransportConfig.client(PeerTrust.pinned(CertificateFingerprint.parse(hub.caFingerprint()))));
        try (PoolClient admin = client().login("admin", hub.firstAdmin().generatedPassword().orElseThrow())) {
            admin.admin().addUser("bench", Role.COMPUTE_USER, USER_PASSWORD);
            for (int i = 0; i < workerCount; i++) {
                JoinTokenGrant grant = admin.admin().createJoinToken(Duration.ofMinutes(5));
                WorkerRuntime.Plan plan = WorkerRuntime.Plan.withDefaults(hub.address(), grant.caFingerprint(),
                        workerDir.resolve("worker-" + i), Map.of(), Optional.of(grant.token()), Optional.of("bench-" + i))
                        .withJobs(new io.resourcepool.core.worker.WorkerConfig.JobPolicy("bench", false, false));
                WorkerRuntime worker = WorkerRuntime.start(plan.withSandbox(sandboxType.equals(NO_PROCESS) ? "process" : sandboxType, sandboxSettings),
                        sandboxType.equals(NO_PROCESS) ? Optional.of(new NoProcessSandbox()) : Optional.empty());
                workers.add(worker);
                worker.worker().registered().get();
            }
        }
    }

    PoolClient client() {
        return PoolClient.connect(clientTransport, hub.address());
    }

    PoolClient user() {
        return client().login("bench", USER_PASSWORD);
    }

    List<NodeId> nodes() throws Exception {
        List<NodeId> ids = new ArrayList<>();
        for (WorkerRuntime w : workers) {
            ids.add(w.worker().registered().get());
        }
        return ids;
    }

    HubRuntime hub() {
        return hub;
    }

    @Override
    public void close() {
        workers.forEach(WorkerRuntime::close);
        clientTransport.close();
        hub.close();
    }
}
