package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.api.spi.store.JobOutcome;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.testkit.store.InMemoryStore;
import io.resourcepool.testkit.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetentionSweepTest {
    private static final NodeId NODE = NodeId.of("worker-1");
    private static final Retention THIRTY_DAYS = new Retention(Duration.ofDays(30), Duration.ofDays(7), Duration.ofDays(30));

    private final ManualClock clock = ManualClock.start();
    private final InMemoryStore store = InMemoryStore.opened();

    @AfterEach
    void close() {
        store.close();
    }

    private JobId finishedAt(Instant at) {
        JobRecord job = JobRecord.queued(JobId.random(), JobSpec.of("true"), "alice", at);
        store.jobs().create(job);
        store.jobs().markRunning(job.id(), 1, NODE, at);
        store.jobs().finish(job.id(), new JobOutcome(1, JobState.SUCCEEDED, Optional.of(0), Bytes.utf8("out"), "", at));
        return job.id();
    }

    @Test
    void backlogLongerThanABatchIsPrunedWholeAndRecentAndUnfinishedJobsStay() {
        List<JobId> old = new ArrayList<>();
        for (int i = 0; i < 2 * RetentionSweep.BATCH + 7; i++) {
            old.add(finishedAt(clock.instant()));
        }
        JobRecord running = JobRecord.queued(JobId.random(), JobSpec.of("sleep", "1000000"), "bob", clock.instant());
        store.jobs().create(running);
        store.jobs().markRunning(running.id(), 1, NODE, clock.instant());
        clock.advance(Duration.ofDays(29));
        JobId recent = finishedAt(clock.instant());
        clock.advance(Duration.ofDays(2));

        RetentionSweep.Pruned pruned = new RetentionSweep(store, THIRTY_DAYS, clock).run();

        assertThat(pruned.jobs()).isEqualTo(old.size());
        assertThat(store.jobs().find(old.getFirst())).isEmpty();
        assertThat(store.jobs().find(old.getLast())).isEmpty();
        assertThat(store.jobs().find(recent)).isPresent();
        assertThat(store.jobs().find(running.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void pruningIsAuditedAndLeavesTheAuditChainVerifiable() {
        store.audit().append(new AuditEvent(clock.instant(), "alice", "job.submitted", "j1", "", ""));
        finishedAt(clock.instant());
        clock.advance(Duration.ofDays(31));

        new RetentionSweep(store, THIRTY_DAYS, clock).run();

        assertThat(store.audit().list(AuditQuery.latest(10))).extracting(e -> e.event().action())
                .contains("job.submitted", "retention.pruned");
        assertThat(store.audit().verify().intact()).isTrue();
    }

    @Test
    void keepingForEverPrunesNothingAndAuditsNothing() {
        JobId job = finishedAt(clock.instant());
        clock.advance(Duration.ofDays(3650));

        RetentionSweep.Pruned pruned = new RetentionSweep(store, Retention.KEEP_ALL, clock).run();

        assertThat(pruned.any()).isFalse();
        assertThat(store.jobs().find(job)).isPresent();
        assertThat(store.audit().list(AuditQuery.latest(10))).isEmpty();
    }

    @Test
    void periodsShorterThanAnHourOrNegativeAreRefusedWithTheirName() {
        assertThatThrownBy(() -> new Retention(Duration.ofMinutes(10), Retention.KEEP, Retention.KEEP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jobs is PT10M").hasMessageContaining("at least 1 hour");
        assertThatThrownBy(() -> new Retention(Retention.KEEP, Duration.ofDays(-1), Retention.KEEP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sessions is PT-24H");
        assertThat(new Retention(Retention.SHORTEST, Retention.KEEP, Retention.KEEP).prunes()).isTrue();
    }
}
