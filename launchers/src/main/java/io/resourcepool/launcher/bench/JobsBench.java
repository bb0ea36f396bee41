package io.resourcepool.launcher.bench;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.launcher.demo.ScratchDirectory;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pool bench jobs}: many short detached jobs from concurrent clients across several workers, on a live
 * pool on loopback. Reports jobs per second from the first submission to the last end, the submission round
 * trip, and the queue-to-start time the store recorded for each job; then checks that every job reached a final
 * state exactly once (one attempt, one {@code job.finished} audit row) and exits 1 when one did not.
 */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "Submit many short detached jobs from concurrent clients and check each ended exactly once.")
public final class JobsBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--jobs", defaultValue = "10000", description = "jobs to submit in all, at most 10000 (default ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--clients", defaultValue = "16", description = "concurrent clients submitting (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--workers", defaultValue = "4", description = "workers to start (default ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--hub-only", description = "start no process for a job (it exits 0 at once), to measure the pool's own path")
    boolean hubOnly;

    @Option(names = "--limit-seconds", defaultValue = "5",
            description = "how long the JVM's spawn ceiling is measured after the jobs, to print their rate beside it (default ${DEFAULT-VALUE})")
    int limitSeconds;

    @Option(names = "--patience-seconds", defaultValue = "1800", description = "how long to wait for every job to end (default ${DEFAULT-VALUE})")
    int patienceSeconds;

    @Override
    public Integer call() throws Exception {
        if (jobs < 1 || jobs > 10_000 || clients < 1 || workers < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--jobs must be 1 to 10000; --clients and --workers at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ScratchDirectory dir = ScratchDirectory.create("resourcepool-bench-jobs-");
             BenchPool pool = new BenchPool(dir.path(), workers, 10, hubOnly)) {
            out.printf(Locale.ROOT, "pool bench jobs: hub + %d workers on loopback (TLS 1.3, SQLite, %s), %d clients, %d cores, Java %s%n",
                    workers, hubOnly ? "no process per job" : "process sandbox", clients, Runtime.getRuntime().availableProcessors(),
                    Runtime.version());
            Latencies submits = new Latencies();
            Instant started = Instant.now();
            List<JobId> submitted = submitAll(pool, submits);
            Duration submitting = Duration.between(started, Instant.now());
            JobTally tally = JobTally.await(pool.hub().store(), submitted, jobs, Duration.ofSeconds(patienceSeconds));
            double seconds = Duration.between(started, tally.lastEnd()).toNanos() / 1e9;
            out.printf(Locale.ROOT, "submitted %d jobs in %.1f s; all ended after %.1f s: %.0f jobs/s%n", submitted.size(),
                    submitting.toNanos() / 1e9, seconds, submitted.size() / seconds);
            if (!hubOnly) {
                double ceiling = ProcessStartLimit.perSecond(clients, Duration.ofSeconds(limitSeconds));
                out.printf(Locale.ROOT, "limit, same run: %d threads starting /bin/true   %.0f starts/s; jobs/s %s%n", clients, ceiling,
                        SameRunLimits.timesTheLimit(submitted.size() / seconds, ceiling));
            }
            out.println("submit round trip            " + submits.summary());
            out.println("queue to start (store)       " + tally.queueToStart().summary());
            out.println("final states                 " + tally.states());
            out.println("exactly once                 " + tally.verdict());
            out.flush();
            return tally.exactlyOnce() ? 0 : 1;
        }
    }

    private List<JobId> submitAll(BenchPool pool, Latencies submits) throws InterruptedException {
        ConcurrentLinkedQueue<JobId> ids = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int share = jobs / clients + (c < jobs % clients ? 1 : 0);
            PoolClient client = pool.user();
            threads.add(Thread.ofVirtual().start(() -> {
                try (client) {
                    JobSpec job = JobSpec.of("true");
                    for (int i = 0; i < share; i++) {
                        long start = System.nanoTime();
                        ids.add(client.submit(job));
                        submits.record(System.nanoTime() - start);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return List.copyOf(ids);
    }
}
