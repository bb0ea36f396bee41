package io.resourcepool.store.sqlite.bench;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.JobOutcome;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.store.JobStore;
import io.resourcepool.store.sqlite.SqliteStore;
import io.resourcepool.store.sqlite.SqliteStoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What pruning a large backlog costs on SQLite, and what it does to a writer meanwhile: {@value #BACKLOG} finished
 * jobs deleted in batches of {@value #BATCH} (as the hub's retention sweep does) while another thread submits jobs one
 * by one, whose latencies are compared with the same writer's on an idle store. Prints, and writes
 * {@code target/retention-benchmark.md}. Run with {@code -Dgroups=benchmark -Dstore.bench.excluded=none}.
 */
@Tag("benchmark")
class RetentionBenchmark {
    private static final int BACKLOG = 50_000;
    private static final int BATCH = 500;
    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void pruneABacklogWhileJobsAreSubmitted() throws Exception {
        List<String> table = new ArrayList<>(List.of(Percentiles.header()));
        try (SqliteStore store = new SqliteStore(SqliteStoreConfig.of(dir.resolve("pool.db")))) {
            store.open();
            fill(store.jobs());
            table.add(writerAlone(store.jobs()).row("sqlite"));
            AtomicBoolean pruning = new AtomicBoolean(true);
            List<Long> latencies = new ArrayList<>();
            Thread writer = Thread.ofPlatform().start(() -> {
                while (pruning.get()) {
                    long t = System.nanoTime();
                    store.jobs().create(JobRecord.queued(JobId.random(), JobSpec.of("true"), "bob", Instant.now()));
                    latencies.add(System.nanoTime() - t);
                }
            });
            long start = System.nanoTime();
            long pruned = 0;
            int batch;
            do {
                batch = store.jobs().pruneFinished(Instant.now(), BATCH);
                pruned += batch;
            } while (batch == BATCH);
            long elapsed = System.nanoTime() - start;
            pruning.set(false);
            writer.join();
            table.add(new Percentiles("prune finished jobs, batches of " + BATCH, pruned, elapsed, new long[] {elapsed / Math.max(1, pruned / BATCH)})
                    .row("sqlite"));
            table.add(new Percentiles("single insert while pruning", latencies.size(), elapsed,
                    latencies.stream().mapToLong(Long::longValue).toArray()).row("sqlite"));
        }
        String report = String.join("\n", table) + "\n";
        System.out.println(report);
        Files.writeString(Path.of("target", "retention-benchmark.md"), report);
    }

    private static void fill(JobStore jobs) {
        NodeId node = NodeId.of("w");
        Bytes output = Bytes.utf8("some output of a finished job\n".repeat(8));
        for (int done = 0; done < BACKLOG; done += 1000) {
            List<JobRecord> batch = new ArrayList<>();
            Map<JobId, JobOutcome> outcomes = new HashMap<>();
            for (int i = 0; i < 1000; i++) {
                JobRecord job = JobRecord.queued(JobId.random(), JobSpec.of("echo", "old"), "alice", LONG_AGO);
                batch.add(job);
                outcomes.put(job.id(), new JobOutcome(1, JobState.SUCCEEDED, Optional.of(0), output, "", LONG_AGO));
            }
            jobs.createAll(batch);
            jobs.markRunningAll(batch.stream().map(j -> new JobStore.JobStart(j.id(), 1, node, LONG_AGO)).toList());
            jobs.finishAll(outcomes);
        }
    }

    private static Percentiles writerAlone(JobStore jobs) {
        long[] latencies = new long[2000];
        long start = System.nanoTime();
        for (int i = 0; i < latencies.length; i++) {
            long t = System.nanoTime();
            jobs.create(JobRecord.queued(JobId.random(), JobSpec.of("true"), "bob", Instant.now()));
            latencies[i] = System.nanoTime() - t;
        }
        return new Percentiles("single insert, store idle", latencies.length, System.nanoTime() - start, latencies);
    }
}
