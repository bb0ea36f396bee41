package io.resourcepool.store.sqlite.bench;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.JobOutcome;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** One pass over the measured operations, on fresh jobs of its own, in the order a job lives them. */
final class BenchmarkRun {
    static final int BATCH = 100;
    static final int THREADS = 16;
    private static final NodeId NODE = NodeId.of("bench-node");

    private final Store store;
    private final List<JobRecord> singles;
    private final List<List<JobRecord>> batches = new ArrayList<>();
    private final List<JobRecord> concurrent;

    BenchmarkRun(Store store, int singleCount, int batchCount) {
        this.store = store;
        this.singles = jobs(singleCount);
        for (int i = 0; i < batchCount; i++) {
            batches.add(jobs(BATCH));
        }
        this.concurrent = jobs(singleCount);
    }

    List<Percentiles> measureAll() {
        List<JobRecord> batched = batches.stream().flatMap(List::stream).toList();
        return List.of(
                each("create, single", singles, 1, j -> store.jobs().create(j)),
                each("createAll, batch of " + BATCH, batches, BATCH, b -> store.jobs().createAll(b)),
                concurrently("create, single, " + THREADS + " virtual threads", concurrent, j -> store.jobs().create(j)),
                each("markRunning, single", batched, 1, j -> store.jobs().markRunning(j.id(), 1, NODE, Instant.now())),
                concurrently("markRunning, single, " + THREADS + " threads", concurrent,
                        j -> store.jobs().markRunning(j.id(), 1, NODE, Instant.now())),
                each("finish (from QUEUED), single", singles, 1, j -> store.jobs().finish(j.id(), outcome(JobState.CANCELLED))),
                each("finishAll, batch of " + BATCH, batches, BATCH, b -> store.jobs().finishAll(outcomes(b))));
    }

    private static <T> Percentiles each(String operation, List<T> items, int rowsEach, Consumer<T> call) {
        long[] latencies = new long[items.size()];
        long start = System.nanoTime();
        for (int i = 0; i < items.size(); i++) {
            long t0 = System.nanoTime();
            call.accept(items.get(i));
            latencies[i] = System.nanoTime() - t0;
        }
        return new Percentiles(operation, (long) items.size() * rowsEach, System.nanoTime() - start, latencies);
    }

    private static Percentiles concurrently(String operation, List<JobRecord> jobs, Consumer<JobRecord> call) {
        long[] latencies = new long[jobs.size()];
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newFixedThreadPool(THREADS, Thread.ofVirtual().name("bench-", 0).factory())) {
            for (int i = 0; i < jobs.size(); i++) {
                int index = i;
                threads.submit(() -> {
                    long t0 = System.nanoTime();
                    call.accept(jobs.get(index));
                    latencies[index] = System.nanoTime() - t0;
                });
            }
        }
        return new Percentiles(operation, jobs.size(), System.nanoTime() - start, latencies);
    }

    private static List<JobRecord> jobs(int n) {
        List<JobRecord> jobs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            jobs.add(JobRecord.queued(JobId.random(), JobSpec.of("python3", "train.py", "--epoch", Integer.toString(i)), "bench", Instant.now()));
        }
        return jobs;
    }

    private static JobOutcome outcome(JobState state) {
        return new JobOutcome(1, state, state == JobState.SUCCEEDED ? Optional.of(0) : Optional.empty(), Bytes.utf8("done\n"), "", Instant.now());
    }

    private static Map<JobId, JobOutcome> outcomes(List<JobRecord> batch) {
        Map<JobId, JobOutcome> all = new HashMap<>();
        batch.forEach(j -> all.put(j.id(), outcome(JobState.SUCCEEDED)));
        return all;
    }
}
