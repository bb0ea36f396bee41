package io.resourcepool.launcher.bench;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.Secret;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.client.RunResult;
import io.resourcepool.launcher.ProcessCpu;
import io.resourcepool.launcher.demo.ScratchDirectory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pool bench pool}: login, session resume, the round trip of {@code true} on a worker, and commands per
 * second from concurrent clients, against a live pool on loopback.
 */
@Command(name = "pool", mixinStandardHelpOptions = true,
        description = "Measure login, session resume, command round trip and throughput on a live pool on loopback.")
public final class PoolBench implements Callable<Integer> {
    private static final String TMPFS = "/dev/shm";

    @Spec
    CommandSpec spec;

    @Option(names = "--workers", defaultValue = "2", description = "workers to start (default ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--clients", defaultValue = "16", description = "concurrent clients for the throughput run (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--logins", defaultValue = "20", description = "password logins to time (default ${DEFAULT-VALUE})")
    int logins;

    @Option(names = "--round-trips", defaultValue = "500", description = "serial runs of `true` to time (default ${DEFAULT-VALUE})")
    int roundTrips;

    @Option(names = "--seconds", defaultValue = "10", description = "length of the throughput run (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--warmup", defaultValue = "5", paramLabel = "SECONDS",
            description = "an unmeasured run of the clients before the throughput run (default ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(names = "--bcrypt-cost", defaultValue = "12", description = "bcrypt cost of the hub (default ${DEFAULT-VALUE}, as in production)")
    int bcryptCost;

    @Option(names = "--hub-only", description = "start no process for a command (it exits 0 at once), to measure the pool's own path")
    boolean hubOnly;

    @Option(names = "--sandbox", defaultValue = "process", paramLabel = "TYPE",
            description = "the workers' sandbox: process, bubblewrap or oci (default ${DEFAULT-VALUE})")
    String sandbox;

    @Option(names = "--image", paramLabel = "NAME", description = "for --sandbox oci: the container image the commands run in")
    String image;

    @Option(names = "--worker-dirs", paramLabel = "DIR", description = "where the workers make their jobs' directories (default: with"
            + " --hub-only, " + TMPFS + " where it is a writable directory, so the figure is the pool's path and not the file system's;"
            + " otherwise the system's temporary directory)")
    Path workerDirs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path workerParent = workerDirectories();
        try (ScratchDirectory dir = ScratchDirectory.create("resourcepool-bench-");
             ScratchDirectory workerDir = ScratchDirectory.createIn(workerParent, "resourcepool-bench-workers-");
             BenchPool pool = new BenchPool(dir.path(), workerDir.path(), workers, bcryptCost, hubOnly ? BenchPool.NO_PROCESS : sandbox,
                     Map.of(), image == null ? Map.of() : Map.of("default-image", image))) {
            out.printf(Locale.ROOT, "pool bench: hub + %d workers on loopback (TLS 1.3, SQLite, %s), %d cores, Java %s%n",
                    workers, hubOnly ? "no process per command" : sandbox + " sandbox", Runtime.getRuntime().availableProcessors(),
                    Runtime.version());
            out.printf(Locale.ROOT, "the workers' job directories in %s (%s)%n", workerParent, fileSystemOf(workerParent));
            SameRunLimits limits = SameRunLimits.measure(roundTrips, clients, Duration.ofSeconds(seconds));
            limits.print(out);
            Latencies login = timeLogins(pool);
            out.println("login (bcrypt cost " + bcryptCost + ")        " + login.summary());
            Latencies resume = timeResumes(pool);
            out.println("session resume (no bcrypt)   " + resume.summary() + "   bare TLS round trip "
                    + SameRunLimits.timesTheLimit(resume, limits.tlsRoundTrip()));
            Latencies roundTrip = timeRoundTrips(pool);
            out.println("round trip of `true`         " + roundTrip.summary() + "   bare /bin/true "
                    + SameRunLimits.timesTheLimit(roundTrip, limits.processStart()));
            Throughput run = throughput(pool);
            out.printf(Locale.ROOT, "%d clients running `true`    %s%n", clients, run.latencies().summary());
            out.printf(Locale.ROOT, "throughput                   %.0f commands/s over %d s (%d commands, %d failed)   %d threads starting /bin/true %s%n",
                    run.perSecond(), seconds, run.completed(), run.failed(), clients,
                    SameRunLimits.timesTheLimit(run.perSecond(), limits.processStartsPerSecond()));
            out.printf(Locale.ROOT, "CPU per command              %.3f ms (hub, workers, clients and every process they started, of %d cores)%n",
                    run.cpuMillisEach(), Runtime.getRuntime().availableProcessors());
            out.flush();
        }
        return 0;
    }

    private Path workerDirectories() {
        if (workerDirs != null) {
            return workerDirs;
        }
        Path tmpfs = Path.of(TMPFS);
        return hubOnly && Files.isDirectory(tmpfs) && Files.isWritable(tmpfs) ? tmpfs : Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static String fileSystemOf(Path directory) {
        try {
            return Files.getFileStore(directory).type();
        } catch (java.io.IOException e) {
            return "file system unknown";
        }
    }

    private Latencies timeLogins(BenchPool pool) {
        Latencies latencies = new Latencies();
        try (PoolClient client = pool.client()) {
            client.login("bench", BenchPool.USER_PASSWORD);
            for (int i = 0; i < logins; i++) {
                long start = System.nanoTime();
                client.login("bench", BenchPool.USER_PASSWORD);
                latencies.record(System.nanoTime() - start);
            }
        }
        return latencies;
    }

    private Latencies timeResumes(BenchPool pool) {
        Latencies latencies = new Latencies();
        try (PoolClient client = pool.user()) {
            Secret token = client.sessionToken().orElseThrow();
            for (int i = 0; i < 200; i++) {
                client.resume(token);
            }
            for (int i = 0; i < 2000; i++) {
                long start = System.nanoTime();
                client.resume(token);
                latencies.record(System.nanoTime() - start);
            }
        }
        return latencies;
    }

    private Latencies timeRoundTrips(BenchPool pool) {
        Latencies latencies = new Latencies();
        JobSpec job = JobSpec.of("true");
        try (PoolClient client = pool.user()) {
            for (int i = 0; i < Math.min(100, roundTrips); i++) {
                client.run(job);
            }
            for (int i = 0; i < roundTrips; i++) {
                long start = System.nanoTime();
                RunResult r = client.run(job);
                latencies.record(System.nanoTime() - start);
                if (r.state() != JobState.SUCCEEDED) {
                    throw new IllegalStateException("`true` ended " + r.state() + ": " + r.reason());
                }
            }
        }
        return latencies;
    }

    /**
     * The clients' run, after as long a run unmeasured on the same connections: the hub's path is timed compiled, as
     * a hub that has run a while is, and the clients' logins are not in the timed run.
     */
    private Throughput throughput(BenchPool pool) throws InterruptedException {
        List<PoolClient> connections = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                connections.add(pool.user());
            }
            if (warmupSeconds > 0) {
                runClients(connections, Duration.ofSeconds(warmupSeconds));
            }
            return runClients(connections, Duration.ofSeconds(seconds));
        } finally {
            connections.forEach(PoolClient::close);
        }
    }

    private static Throughput runClients(List<PoolClient> connections, Duration length) throws InterruptedException {
        Latencies latencies = new Latencies();
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long cpuBefore = ProcessCpu.nanosWithChildren();
        long started = System.nanoTime();
        long deadline = started + length.toNanos();
        for (PoolClient client : connections) {
            threads.add(Thread.ofVirtual().start(() -> {
                JobSpec job = JobSpec.of("true");
                while (System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    RunResult r = client.run(job);
                    latencies.record(System.nanoTime() - start);
                    (r.state() == JobState.SUCCEEDED ? completed : failed).incrementAndGet();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long cpu = ProcessCpu.nanosWithChildren() - cpuBefore;
        return new Throughput(latencies, completed.get(), failed.get(), completed.get() / elapsed,
                completed.get() == 0 ? 0 : cpu / 1e6 / completed.get());
    }

    /**
     * The run's figures; {@code cpuMillisEach} is the CPU time per command of this process (hub, workers and clients)
     * and of every process it started (the jobs, and a root worker's launch helper).
     */
    private record Throughput(Latencies latencies, long completed, long failed, double perSecond, double cpuMillisEach) {}
}
