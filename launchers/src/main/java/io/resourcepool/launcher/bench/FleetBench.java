package io.resourcepool.launcher.bench;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.client.RunResult;
import io.resourcepool.launcher.demo.ScratchDirectory;
import io.resourcepool.launcher.hub.OpenFileLimit;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pool bench fleet}: one hub in a process of its own and a fleet of enrolled workers in other processes
 * ({@link FleetProcess}: real workers, each with its join token, certificate and mutual-TLS 1.3 connection, whose jobs
 * start no process). Once they are registered it reports the hub's heap per worker, the hub's CPU time per heartbeat
 * over a window without clients, and then the round trip of a client's {@code true} job on a fleet worker while the
 * fleet heartbeats; last the machine's limits, measured in the same run.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = "Connect N enrolled workers, in processes of their own, to one hub; report its heap per worker, CPU per heartbeat and a client's round trip meanwhile.")
public final class FleetBench implements Callable<Integer> {
    static final String USER = "fleet";
    private static final Secret PASSWORD = Secret.of("fleet-user-password");
    private static final Pattern METRICS = Pattern.compile("Prometheus metrics on (\\S+)/metrics\\n");
    private static final String HEARTBEATS = "resourcepool_heartbeats_received_total";
    private static final String CONNECTED = "resourcepool_nodes_connected";

    @Spec
    CommandSpec spec;

    @Option(names = "--workers", defaultValue = "10000", description = "enrolled workers to connect (default ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--per-process", defaultValue = "2500", description = "workers in each fleet process (default ${DEFAULT-VALUE})")
    int perProcess;

    @Option(names = "--heartbeat-interval", defaultValue = "5", paramLabel = "SECONDS",
            description = "the hub's hub.heartbeat-interval, in seconds (default ${DEFAULT-VALUE}, the hub's default)")
    int heartbeatSeconds;

    @Option(names = "--window-seconds", defaultValue = "60",
            description = "length of the quiet window (CPU per heartbeat) and of the window with a client (default ${DEFAULT-VALUE})")
    int windowSeconds;

    @Option(names = "--hub-heap", defaultValue = "2g", description = "the hub's maximum heap (default ${DEFAULT-VALUE})")
    String hubHeap;

    @Option(names = "--limit-seconds", defaultValue = "5",
            description = "how long each same-run limit is measured after the fleet is stopped (default ${DEFAULT-VALUE})")
    int limitSeconds;

    @Override
    public Integer call() throws Exception {
        if (workers < 1 || perProcess < 1 || heartbeatSeconds < 1 || windowSeconds < 1 || limitSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--workers, --per-process, --heartbeat-interval, --window-seconds and --limit-seconds must be 1 or more");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "pool bench fleet --workers %d --per-process %d --heartbeat-interval %d --window-seconds %d --hub-heap %s%n",
                workers, perProcess, heartbeatSeconds, windowSeconds, hubHeap);
        OpenFileLimit files = OpenFileLimit.current();
        Optional<String> shortfall = files.shortfall(workers + 16L, "the fleet bench's hub", false);
        if (shortfall.isPresent()) {
            out.println(shortfall.get());
            out.println("the fleet bench stops here: its hub and fleet processes inherit this limit (or run it with fewer --workers)");
            out.flush();
            return 2;
        }
        int processes = (workers + perProcess - 1) / perProcess;
        out.printf(Locale.ROOT, "fleet bench: one hub (SQLite, -Xmx%s) and %d enrolled workers in %d processes of their own on loopback, mutual TLS 1.3;"
                + " heartbeats every %d s; open-file limit %s; %d cores, Java %s%n", hubHeap, workers, processes, heartbeatSeconds, files.describe(),
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        out.flush();
        Latencies commands;
        try (ScratchDirectory dir = ScratchDirectory.create("resourcepool-fleet-");
             HubProcess hub = HubProcess.start(dir.path(), hubSettings(), hubHeap)) {
            URI metrics = URI.create(hub.jvm().await(METRICS, 0, Duration.ofSeconds(30)).group(1) + "/metrics");
            try (HubScrape scrape = new HubScrape(metrics, dir.path().resolve("hub").resolve("tls").resolve("ca.pem"))) {
                commands = measure(hub, scrape, dir, processes, out);
            }
        }
        SameRunLimits limits = SameRunLimits.measure(500, 4, Duration.ofSeconds(limitSeconds));
        limits.print(out);
        out.println("round trip of `true` on a fleet worker " + SameRunLimits.timesTheLimit(commands, limits.tlsRoundTrip())
                + " of a bare TLS round trip");
        out.flush();
        return 0;
    }

    private Map<String, String> hubSettings() {
        String interval = heartbeatSeconds + "s";
        return Map.of("hub.heartbeat-interval", interval, "hub.node-timeout", Math.max(30, 6 * heartbeatSeconds) + "s",
                "http.bind", "127.0.0.1:0", "http.metrics-bind", "127.0.0.1:0");
    }

    private Latencies measure(HubProcess hub, HubScrape scrape, ScratchDirectory dir, int processes, PrintWriter out) throws Exception {
        long pid = hub.jvm().pid();
        List<FleetJvm> fleet = new ArrayList<>();
        try {
            HubVitals before;
            long started;
            try (PoolClient admin = hub.admin()) {
                admin.admin().addUser(USER, Role.COMPUTE_USER, PASSWORD);
                before = HubVitals.of(pid);
                started = System.nanoTime();
                for (int p = 0; p < processes; p++) {
                    int share = workers / processes + (p < workers % processes ? 1 : 0);
                    fleet.add(FleetJvm.launch("fleet-" + p, dir.path(), (256 + share) + "m", hub, admin, share, USER));
                }
            }
            int registered = 0;
            for (FleetJvm process : fleet) {
                registered += process.awaitRegistered();
            }
            double enrolling = (System.nanoTime() - started) / 1e9;
            out.printf(Locale.ROOT, "enrolled and registered %d of %d workers in %.0f s (%.1f a second, join tokens made first)%n",
                    registered, workers, enrolling, registered / enrolling);
            out.flush();
            LockSupport.parkNanos(Duration.ofSeconds(2L * heartbeatSeconds).toNanos());
            HubVitals with = HubVitals.of(pid);
            int connected = (int) scrape.value(CONNECTED);
            FleetFigures figures = quietWindow(pid, scrape, before, with, connected);
            out.println(figures.heapLine());
            out.printf(Locale.ROOT, "hub open files: %d before the fleet, %d with it%n", before.openFiles(), with.openFiles());
            out.println(figures.cpuLine());
            out.flush();
            Latencies commands = commandWindow(hub);
            out.printf(Locale.ROOT, "round trip of `true` on a fleet worker, one client, while %d workers heartbeat   %s%n",
                    (int) scrape.value(CONNECTED), commands.summary());
            out.flush();
            return commands;
        } finally {
            fleet.forEach(f -> f.jvm().stop(Duration.ofSeconds(60)));
        }
    }

    private FleetFigures quietWindow(long pid, HubScrape scrape, HubVitals before, HubVitals with, int connected) {
        double heartbeatsBefore = scrape.value(HEARTBEATS);
        Duration cpuBefore = cpuTime(pid);
        long start = System.nanoTime();
        LockSupport.parkNanos(Duration.ofSeconds(windowSeconds).toNanos());
        Duration cpuAfter = cpuTime(pid);
        long end = System.nanoTime();
        double heartbeatsAfter = scrape.value(HEARTBEATS);
        return new FleetFigures(connected, before.heapBytes(), with.heapBytes(), cpuAfter.minus(cpuBefore),
                Math.round(heartbeatsAfter - heartbeatsBefore), Duration.ofNanos(end - start));
    }

    private static Duration cpuTime(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration())
                .orElseThrow(() -> new IllegalStateException("the CPU time of process " + pid + " cannot be read"));
    }

    private Latencies commandWindow(HubProcess hub) {
        Latencies latencies = new Latencies();
        JobSpec job = JobSpec.of("true").withTarget(NodeSelector.labelled(FleetProcess.LABELS));
        try (PoolClient client = hub.connect().login(USER, PASSWORD)) {
            for (int i = 0; i < 20; i++) {
                client.run(job);
            }
            long end = System.nanoTime() + Duration.ofSeconds(windowSeconds).toNanos();
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                RunResult r = client.run(job);
                latencies.record(System.nanoTime() - start);
                if (r.state() != JobState.SUCCEEDED) {
                    throw new IllegalStateException("`true` on a fleet worker ended " + r.state() + ": " + r.reason());
                }
            }
        }
        return latencies;
    }
}
