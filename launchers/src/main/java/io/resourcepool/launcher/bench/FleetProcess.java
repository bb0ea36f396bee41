package io.resourcepool.launcher.bench;

import io.resourcepool.api.Secret;
import io.resourcepool.core.net.HubAddresses;
import io.resourcepool.core.probe.FixedResourceProbeProvider;
import io.resourcepool.core.worker.WorkerConfig;
import io.resourcepool.launcher.worker.WorkerRuntime;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pool bench fleet-process} (hidden; started by {@code pool bench soak} and {@code pool bench fleet}, through
 * {@link FleetJvm}): a simulated fleet of workers in this
 * one process. Each is the real {@code Worker}, enrolled with a join token of its own and holding its own mutual-TLS
 * connection, but with a fixed resource probe (no OSHI) and a sandbox that starts no process: its tasks "exit 0" at
 * once. It runs until stopped.
 */
@Command(name = "fleet-process", hidden = true, description = "Run a simulated fleet of workers in this process (for pool bench soak and pool bench fleet).")
public final class FleetProcess implements Callable<Integer> {
    /** The label every simulated worker has, so jobs can be aimed at the fleet or away from it. */
    static final Map<String, String> LABELS = Map.of("soak", "fleet");
    /** Enrolments and first connections under way at once: the hub's per-source start-up limits are not a target. */
    private static final int CONNECTING_AT_ONCE = 16;

    @Spec
    CommandSpec spec;

    @Option(names = "--hub", required = true, paramLabel = "HOST:PORT[,HOST:PORT…]")
    String hub;

    @Option(names = "--ca-fingerprint", required = true, paramLabel = "SHA256")
    String fingerprint;

    @Option(names = "--join-tokens", required = true, paramLabel = "FILE", description = "one join token a line, one per worker")
    Path tokens;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR")
    Path dataDir;

    @Option(names = "--owner", required = true, paramLabel = "USER", description = "the pool user whose jobs the fleet runs")
    String owner;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<String> joinTokens = Files.readAllLines(tokens).stream().filter(t -> !t.isBlank()).toList();
        List<WorkerRuntime> fleet = java.util.Collections.synchronizedList(new ArrayList<>());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(fleet).forEach(WorkerRuntime::close), "fleet-shutdown"));
        Semaphore connecting = new Semaphore(CONNECTING_AT_ONCE);
        List<Thread> starting = new ArrayList<>();
        for (int i = 0; i < joinTokens.size(); i++) {
            WorkerRuntime.Plan plan = plan(i, Secret.of(joinTokens.get(i)));
            connecting.acquire();
            starting.add(Thread.ofVirtual().name("fleet-start-" + i).start(() -> {
                try {
                    WorkerRuntime worker = WorkerRuntime.start(plan, Optional.of(new NoProcessSandbox()));
                    fleet.add(worker);
                    worker.worker().registered().get();
                } catch (Exception e) {
                    out.println("fleet: a worker did not start: " + e.getMessage());
                } finally {
                    connecting.release();
                }
            }));
        }
        for (Thread t : starting) {
            t.join();
        }
        out.println("fleet: " + fleet.size() + " workers registered");
        out.flush();
        new CountDownLatch(1).await();
        return 0;
    }

    /** The hubs, listed from the {@code index}-th (of several), so that the fleet's workers spread over them. */
    private HubAddresses hubsFrom(int index) {
        List<InetSocketAddress> all = HubAddresses.parse("--hub", hub).entries();
        List<InetSocketAddress> rotated = new ArrayList<>(all.subList(index % all.size(), all.size()));
        rotated.addAll(all.subList(0, index % all.size()));
        return new HubAddresses(rotated);
    }

    private WorkerRuntime.Plan plan(int index, Secret token) {
        HubAddresses hubs = hubsFrom(index);
        WorkerRuntime.Plan plan = WorkerRuntime.Plan.withDefaults(hubs.entries().getFirst(), fingerprint, dataDir.resolve("w" + index), LABELS,
                Optional.of(token), Optional.of("fleet-" + index)).withJobs(new WorkerConfig.JobPolicy(owner, false, false));
        return new WorkerRuntime.Plan(hubs, plan.caFingerprint(), plan.dataDirectory(), plan.labels(), "process",
                FixedResourceProbeProvider.TYPE, plan.joinToken(), plan.hostname(), Map.of(),
                Map.of("cpus", "1", "memory-bytes", "1g", "storage-bytes", "1g"), plan.jobs(), plan.gpuDeviceRoot(), plan.transportType());
    }
}
