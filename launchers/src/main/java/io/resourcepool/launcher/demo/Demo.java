package io.resourcepool.launcher.demo;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.Secret;
import io.resourcepool.core.client.JoinTokenGrant;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.client.RunResult;
import io.resourcepool.launcher.client.NodesCommand;
import io.resourcepool.launcher.client.StatusCommand;
import io.resourcepool.launcher.config.Settings;
import io.resourcepool.launcher.hub.HubRuntime;
import io.resourcepool.launcher.worker.WorkerRuntime;
import io.resourcepool.transport.tls.TlsTransport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The demo scenario, step by step, printed as it goes. */
final class Demo {
    private final PrintWriter out;
    private final Path dir;

    Demo(PrintWriter out, Path dir) {
        this.out = out;
        this.dir = dir;
    }

    void run() throws Exception {
        Settings settings = Settings.load(Optional.empty(), Map.of("hub.bind", "127.0.0.1:0", "hub.data-dir", dir.resolve("hub").toString(),
                "hub.heartbeat-interval", "1s", "hub.node-timeout", "5s", "http.bind", "127.0.0.1:0"), Map.of());
        out.println("== ResourcePool demo: a hub, two workers and a user, in one process, over TLS 1.3 on loopback ==");
        try (HubRuntime hub = HubRuntime.start(settings, Optional.empty())) {
            String address = hub.address().getHostString() + ":" + hub.address().getPort();
            step("hub", "listening on " + address + "; store " + hub.storeDescription());
            step("CA", "fingerprint " + hub.caFingerprint() + " (workers and clients pin it)");
            step("http", "HTTPS API on " + hub.httpUri().orElseThrow() + "/v1 and Prometheus metrics on /metrics (TLS 1.3, the hub's certificate)");
            Secret adminPassword = hub.firstAdmin().generatedPassword().orElseThrow();
            step("admin", "made on first start with a generated password (a real hub shows it once on its terminal)");
            try (TlsTransport clientTransport = DemoClients.transport(hub.caFingerprint());
                 PoolClient admin = PoolClient.connect(clientTransport, hub.address()).login("admin", adminPassword)) {
                admin.admin().addUser("alice", io.resourcepool.api.Role.COMPUTE_USER, Secret.of("alice-demo-password"));
                step("users", "admin added alice (compute-user)");
                List<WorkerRuntime> workers = startWorkers(admin, hub);
                try (PoolClient alice = PoolClient.connect(clientTransport, hub.address()).login("alice", Secret.of("alice-demo-password"))) {
                    step("login", "alice logged in; session valid until " + alice.sessionExpiresAt().orElseThrow());
                    showPool(alice);
                    DemoHttp.show(out, hub, "alice", Secret.of("alice-demo-password"));
                    runCommands(alice, workers);
                } finally {
                    step("stop", "the workers stop before the hub, so the hub logs its alert that they went offline"
                            + " (what alerts.webhooks would send an operator)");
                    workers.forEach(WorkerRuntime::close);
                }
            }
        }
        out.println();
        out.println("== done: workers, hub and store closed; the temporary directory is removed ==");
        out.flush();
    }

    private List<WorkerRuntime> startWorkers(PoolClient admin, HubRuntime hub) throws Exception {
        List<WorkerRuntime> workers = new ArrayList<>();
        for (String name : List.of("demo-a", "demo-b")) {
            JoinTokenGrant grant = admin.admin().createJoinToken(Duration.ofMinutes(10));
            WorkerRuntime worker = WorkerRuntime.start(demoSandbox(WorkerRuntime.Plan.withDefaults(hub.address(), grant.caFingerprint(),
                    dir.resolve(name), Map.of("demo", name), Optional.of(grant.token()), Optional.of(name))));
            workers.add(worker);
            NodeId node = worker.worker().registered().get();
            step("worker", node + " enrolled with join token " + grant.id() + ", then connected with its own certificate (mutual TLS)");
        }
        return workers;
    }

    /**
     * Bubblewrap, the worker's default, where it is installed; elsewhere the process sandbox, owned by alice, the
     * demo's only user of jobs, so that her jobs run even where they share the worker's identity (a worker that
     * is not root). The demo then still runs on a machine without bwrap, and says which it chose.
     */
    private WorkerRuntime.Plan demoSandbox(WorkerRuntime.Plan plan) {
        if (java.nio.file.Files.isExecutable(io.resourcepool.core.sandbox.BubblewrapSandbox.BWRAP)) {
            return plan.withSandbox("bubblewrap", Map.of());
        }
        step("sandbox", "bubblewrap is not installed: the demo's workers use the process sandbox, owned by alice");
        return plan.withJobs(new io.resourcepool.core.worker.WorkerConfig.JobPolicy("alice", false, false));
    }

    private void showPool(PoolClient client) {
        out.println();
        out.println("$ pool status");
        StatusCommand.print(out, client.aggregate());
        out.println();
        out.println("$ pool nodes");
        NodesCommand.print(out, client.nodes());
    }

    private void runCommands(PoolClient client, List<WorkerRuntime> workers) throws Exception {
        NodeId first = workers.get(0).worker().registered().get();
        show(client, "--node " + first + " -- uname -sr", JobSpec.of("uname", "-sr").withTarget(NodeSelector.named(first)));
        show(client, "-- echo hello from the node the scheduler chose", JobSpec.of("echo", "hello from the node the scheduler chose"));
        show(client, "-- sh -c 'echo to stderr >&2; exit 3'", JobSpec.of("sh", "-c", "echo to stderr >&2; exit 3"));
        show(client, "--timeout 1s -- sleep 30", JobSpec.of("sleep", "30").withTimeout(Duration.ofSeconds(1)));
    }

    private void show(PoolClient client, String args, JobSpec job) {
        out.println();
        out.println("$ pool run " + args);
        long started = System.nanoTime();
        RunResult r = client.run(job, (channel, chunk) -> {
            out.print(chunk.asUtf8());
            out.flush();
        });
        long millis = (System.nanoTime() - started) / 1_000_000;
        out.println("[" + r.state() + r.exitCode().map(c -> ", exit " + c).orElse("") + " on " + r.node().map(NodeId::value).orElse("?")
                + " in " + millis + " ms" + (r.reason().isEmpty() ? "" : "; " + r.reason()) + "]");
        out.flush();
    }

    private void step(String what, String text) {
        out.printf("%-8s %s%n", what, text);
        out.flush();
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
