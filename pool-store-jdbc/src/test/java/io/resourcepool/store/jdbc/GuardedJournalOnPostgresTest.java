package io.resourcepool.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.HubId;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.api.spi.store.JobOutcome;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.store.JobStore;
import io.resourcepool.api.spi.store.JournalCondition;
import io.resourcepool.api.spi.store.JournalGroup;
import io.resourcepool.api.spi.store.NodeLease;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Journal groups written under conditions by two stores (two hubs) on one PostgreSQL schema: hub A, paused past its
 * lease on a node while hub B took the node, gives up the node's job under its old lease and the store writes nothing;
 * hub A cancels a job it holds waiting after hub B stored its start, and the store keeps the start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuardedJournalOnPostgresTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private TwoHubs hubs;

    @BeforeAll
    void openTwoStores() {
        hubs = new TwoHubs();
    }

    @AfterAll
    void close() {
        if (hubs != null) {
            hubs.close();
        }
    }

    @Test
    void giveUpUnderALeaseThatRanOutAndWentToAnotherHubWritesNothing() {
        NodeId node = TwoHubs.newNode();
        HubId a = TwoHubs.newHub("a");
        HubId b = TwoHubs.newHub("b");
        JobRecord job = runningOn(node);
        NodeLease paused = hubs.a.leases().acquire(node, a, HOUR).orElseThrow();
        hubs.expire("node_leases", "node_id", node.value());
        NodeLease taken = hubs.b.leases().acquire(node, b, HOUR).orElseThrow();

        assertThat(hubs.storeA.record(lost(job.id(), new JournalCondition.LeaseHeld(node, a, paused.token()), "given up by a")))
                .containsExactly(job.id());
        assertThat(hubs.storeA.record(JournalGroup.guarded(Map.of(), List.of(new JobStore.JobRequeue(job.id(), 1, "lost", NOW)),
                row(job.id(), "requeued by a"), List.of(new JournalCondition.LeaseHeld(node, a, paused.token()))))).containsExactly(job.id());

        assertThat(hubs.storeB.jobs().find(job.id()).orElseThrow()).satisfies(kept -> {
            assertThat(kept.state()).isEqualTo(JobState.RUNNING);
            assertThat(kept.attempt()).isEqualTo(1);
        });
        assertThat(details()).doesNotContain("given up by a", "requeued by a");

        assertThat(hubs.storeB.record(lost(job.id(), new JournalCondition.LeaseHeld(node, b, taken.token()), "given up by b"))).isEmpty();
        assertThat(hubs.storeA.jobs().find(job.id()).orElseThrow().state()).isEqualTo(JobState.LOST);
        assertThat(details()).contains("given up by b");
    }

    @Test
    void cancelOfAWaitingJobAnotherHubStartedKeepsTheStart() {
        JobRecord job = JobRecord.queued(JobId.random(), JobSpec.of("true"), "alice", NOW);
        hubs.storeA.jobs().create(job);
        assertThat(hubs.storeB.jobs().markRunning(job.id(), 1, TwoHubs.newNode(), NOW.plusSeconds(1))).isTrue();
        JobOutcome cancelled = new JobOutcome(1, JobState.CANCELLED, Optional.empty(), Bytes.EMPTY, "cancelled before it started", NOW);

        assertThat(hubs.storeA.record(JournalGroup.guarded(Map.of(job.id(), cancelled), List.of(), row(job.id(), "cancelled by a"),
                List.of(new JournalCondition.StillIn(job.id(), 1, JobState.QUEUED))))).containsExactly(job.id());

        JobRecord kept = hubs.storeA.jobs().find(job.id()).orElseThrow();
        assertThat(kept.state()).isEqualTo(JobState.RUNNING);
        assertThat(kept.startedAt()).contains(NOW.plusSeconds(1));
        assertThat(details()).doesNotContain("cancelled by a");
    }

    private JobRecord runningOn(NodeId node) {
        JobRecord job = JobRecord.queued(JobId.random(), JobSpec.of("sleep", "60"), "alice", NOW);
        hubs.storeA.jobs().create(job);
        assertThat(hubs.storeA.jobs().markRunning(job.id(), 1, node, NOW)).isTrue();
        return job;
    }

    private static JournalGroup lost(JobId job, JournalCondition condition, String detail) {
        JobOutcome lost = new JobOutcome(1, JobState.LOST, Optional.empty(), Bytes.EMPTY, "node went away", NOW);
        return JournalGroup.guarded(Map.of(job, lost), List.of(), row(job, detail), List.of(condition));
    }

    private static AuditEvent row(JobId job, String detail) {
        return new AuditEvent(NOW, "hub", "job.finished", job.toString(), "", detail);
    }

    private List<String> details() {
        return hubs.storeB.audit().list(AuditQuery.latest(1000)).stream().map(e -> e.event().detail()).toList();
    }
}
