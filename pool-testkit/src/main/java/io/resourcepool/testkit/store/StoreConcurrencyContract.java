package io.resourcepool.testkit.store;

import static io.resourcepool.testkit.store.StoreSamples.at;
import static io.resourcepool.testkit.store.StoreSamples.event;
import static io.resourcepool.testkit.store.StoreSamples.job;
import static io.resourcepool.testkit.store.StoreSamples.outcome;
import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.AuditEntry;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.api.spi.store.JobQuery;
import io.resourcepool.api.spi.store.JobRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Many virtual threads writing at once lose nothing and break no transition rule: of several writers racing
 * to end one attempt of a job exactly one wins, and the audit log stays gapless and intact.
 */
public abstract class StoreConcurrencyContract extends StoreFixture {
    private static final int JOBS = 60;
    private static final List<JobState> RIVAL_ENDINGS = List.of(JobState.SUCCEEDED, JobState.FAILED, JobState.LOST);

    /**
     * Tests the given implementation.
     *
     * @param subject how to make the stores under test
     */
    protected StoreConcurrencyContract(StoreUnderTest subject) {
        super(subject);
    }

    @Test
    void racingWritersLoseNoJobAndMoveEachAttemptOnce() {
        List<JobRecord> jobs = IntStream.range(0, JOBS).mapToObj(i -> job("user-" + (i % 5), at(i))).toList();
        everyAtOnce(jobs, job -> {
            store().jobs().create(job);
            store().jobs().markRunning(job.id(), 1, NodeId.of("worker-" + (job.hashCode() & 3)), at(1_000));
        });
        Map<JobId, AtomicInteger> wins = new ConcurrentHashMap<>();
        Map<JobId, String> winner = new ConcurrentHashMap<>();

        everyAtOnce(rivals(jobs), rival -> {
            if (rival.tryMove()) {
                wins.computeIfAbsent(rival.job(), k -> new AtomicInteger()).incrementAndGet();
                winner.put(rival.job(), rival.name());
            }
        });

        assertThat(store().jobs().list(JobQuery.all(1000))).hasSize(JOBS);
        assertThat(wins).hasSize(JOBS).allSatisfy((id, count) -> assertThat(count.get()).as("moves of job %s", id).isEqualTo(1));
        jobs.forEach(job -> assertThat(describe(store().jobs().find(job.id()).orElseThrow())).isEqualTo(winner.get(job.id())));
    }

    @Test
    void finishedJobsRefuseEveryLaterFinish() {
        List<JobRecord> jobs = IntStream.range(0, JOBS).mapToObj(i -> job("alice", at(i))).toList();
        store().jobs().createAll(jobs);
        jobs.forEach(j -> store().jobs().markRunning(j.id(), 1, NodeId.of("worker-1"), at(10)));
        everyAtOnce(jobs, j -> store().jobs().finish(j.id(), outcome(1, JobState.SUCCEEDED, Optional.of(0), at(20))));
        AtomicInteger accepted = new AtomicInteger();

        everyAtOnce(jobs, j -> {
            if (store().jobs().finish(j.id(), outcome(1, JobState.FAILED, Optional.of(9), at(30)))) {
                accepted.incrementAndGet();
            }
        });

        assertThat(accepted).hasValue(0);
        assertThat(store().jobs().list(JobQuery.inState(JobState.SUCCEEDED, 1000))).hasSize(JOBS);
    }

    @Test
    void concurrentAuditAppendsAreGaplessAndIntact() {
        int rows = 150;

        everyAtOnce(IntStream.range(0, rows).boxed().toList(),
                i -> store().audit().append(event("user-" + (i % 7), "job.submitted", at(i))));

        List<AuditEntry> all = store().audit().list(AuditQuery.latest(10_000));
        assertThat(all).extracting(AuditEntry::sequence).containsExactlyElementsOf(
                IntStream.rangeClosed(1, rows).mapToObj(i -> (long) (rows + 1 - i)).toList());
        assertThat(store().audit().verify().intact()).isTrue();
        assertThat(store().audit().verify().rowsChecked()).isEqualTo(rows);
    }

    private List<Rival> rivals(List<JobRecord> jobs) {
        return jobs.stream().flatMap(job -> {
            var finishers = RIVAL_ENDINGS.stream().map(state -> new Rival(job.id(), state.name(),
                    () -> store().jobs().finish(job.id(), outcome(1, state, Optional.empty(), at(2_000)))));
            var requeuer = new Rival(job.id(), "QUEUED#2", () -> store().jobs().requeue(job.id(), 1, "retry", java.time.Instant.now()));
            return Stream.concat(finishers, Stream.of(requeuer));
        }).toList();
    }

    private static String describe(JobRecord job) {
        return job.state() == JobState.QUEUED ? "QUEUED#" + job.attempt() : job.state().name();
    }

    private static <T> void everyAtOnce(List<T> items, Consumer<T> work) {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = items.stream().map(item -> threads.submit(() -> work.accept(item))).toList();
            futures.forEach(f -> {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                } catch (ExecutionException e) {
                    throw new AssertionError("a writer failed: " + e.getCause(), e.getCause());
                }
            });
        }
    }

    private record Rival(JobId job, String name, BooleanSupplier move) {
        boolean tryMove() {
            return move.getAsBoolean();
        }
    }
}
