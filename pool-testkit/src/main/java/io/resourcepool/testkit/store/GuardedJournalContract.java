package io.resourcepool.testkit.store;

import static io.resourcepool.testkit.store.StoreSamples.at;
import static io.resourcepool.testkit.store.StoreSamples.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.HubId;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.api.spi.store.FencingToken;
import io.resourcepool.api.spi.store.JobOutcome;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.store.JobStore;
import io.resourcepool.api.spi.store.JournalCondition;
import io.resourcepool.api.spi.store.JournalGroup;
import io.resourcepool.api.spi.store.NodeLease;
import io.resourcepool.api.spi.store.NodeLeases;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Journal groups written under conditions ({@link JournalCondition}): a give-up of a node's jobs under the hub's lease
 * on the node, and the end of a job held waiting only while it has not started. When a condition does not hold, the
 * store writes nothing of the group, not even its audit row, and names its jobs. A store several hubs may share
 * ({@code coordination()} present) is shown a lease another hub has since taken; a store for one hub holds every
 * lease.
 */
public abstract class GuardedJournalContract extends StoreFixture {
    private static final NodeId NODE = NodeId.of("worker-1");
    private static final HubId HUB_A = HubId.of("hub-a");
    private static final HubId HUB_B = HubId.of("hub-b");
    private static final Duration HOUR = Duration.ofHours(1);

    /**
     * Tests the given implementation.
     *
     * @param subject how to make the stores under test
     */
    protected GuardedJournalContract(StoreUnderTest subject) {
        super(subject);
    }

    private JobStore jobs() {
        return store().jobs();
    }

    private JobRecord running() {
        JobRecord job = job("alice", at(1));
        jobs().create(job);
        assertThat(jobs().markRunning(job.id(), 1, NODE, at(2))).isTrue();
        return job;
    }

    private static AuditEvent row(JobId job, String action, String detail) {
        return new AuditEvent(at(5), "alice", action, job.toString(), "", detail);
    }

    private static JournalGroup lostUnder(JobId job, JournalCondition condition) {
        JobOutcome lost = new JobOutcome(1, JobState.LOST, Optional.empty(), Bytes.EMPTY, "node went away", at(5));
        return JournalGroup.guarded(Map.of(job, lost), List.of(), row(job, "job.finished", "lost under a lease"), List.of(condition));
    }

    private static JournalGroup requeueUnder(JobId job, JournalCondition condition) {
        return JournalGroup.guarded(Map.of(), List.of(new JobStore.JobRequeue(job, 1, "node went away", at(5))),
                row(job, "job.requeued", "requeued under a lease"), List.of(condition));
    }

    private List<String> auditDetails() {
        return store().audit().list(AuditQuery.latest(100)).stream().map(e -> e.event().detail()).toList();
    }

    /** The lease hub A holds on the node now: taken where the store coordinates hubs; any token where it has one hub. */
    private FencingToken heldByA() {
        return store().coordination().map(c -> c.leases().acquire(NODE, HUB_A, HOUR).orElseThrow().token()).orElse(new FencingToken(1));
    }

    @Test
    void giveUpUnderTheHubsLeaseIsWrittenWithItsAuditRow() {
        JobRecord lost = running();
        JobRecord requeued = running();
        FencingToken token = heldByA();

        assertThat(store().record(lostUnder(lost.id(), new JournalCondition.LeaseHeld(NODE, HUB_A, token)))).isEmpty();
        assertThat(store().record(requeueUnder(requeued.id(), new JournalCondition.LeaseHeld(NODE, HUB_A, token)))).isEmpty();

        assertThat(jobs().find(lost.id()).orElseThrow().state()).isEqualTo(JobState.LOST);
        assertThat(jobs().find(requeued.id()).orElseThrow()).satisfies(job -> {
            assertThat(job.state()).isEqualTo(JobState.QUEUED);
            assertThat(job.attempt()).isEqualTo(2);
        });
        assertThat(auditDetails()).contains("lost under a lease", "requeued under a lease");
    }

    /**
     * A hub paused past its lease while another hub took the node must not give up the jobs that hub now drives: its
     * requeue or LOST writes nothing, not even the audit row, and the store names the job.
     */
    @Test
    void giveUpUnderALeaseAnotherHubHasSinceTakenWritesNothing() {
        assumeTrue(store().coordination().isPresent(), "only a store several hubs share has leases that change hands");
        NodeLeases leases = store().coordination().get().leases();
        JobRecord job = running();
        NodeLease stale = leases.acquire(NODE, HUB_A, HOUR).orElseThrow();
        assertThat(leases.release(NODE, HUB_A, stale.token())).isTrue();
        assertThat(leases.acquire(NODE, HUB_B, HOUR)).isPresent();
        JournalCondition underStaleLease = new JournalCondition.LeaseHeld(NODE, HUB_A, stale.token());

        assertThat(store().record(lostUnder(job.id(), underStaleLease))).containsExactly(job.id());
        assertThat(store().record(requeueUnder(job.id(), underStaleLease))).containsExactly(job.id());

        assertThat(jobs().find(job.id()).orElseThrow()).satisfies(kept -> {
            assertThat(kept.state()).isEqualTo(JobState.RUNNING);
            assertThat(kept.attempt()).isEqualTo(1);
            assertThat(kept.node()).contains(NODE);
        });
        assertThat(auditDetails()).doesNotContain("lost under a lease", "requeued under a lease");
    }

    /** A give-up of a job another writer requeued meanwhile writes nothing, not even its audit row: it is whole or nothing. */
    @Test
    void giveUpOfAJobNoLongerRunningInThatAttemptWritesNothing() {
        JobRecord job = running();
        assertThat(jobs().requeue(job.id(), 1, "requeued by another writer", at(3))).isTrue();

        assertThat(store().record(lostUnder(job.id(), new JournalCondition.StillIn(job.id(), 1, JobState.RUNNING)))).containsExactly(job.id());

        assertThat(jobs().find(job.id()).orElseThrow()).satisfies(kept -> {
            assertThat(kept.state()).isEqualTo(JobState.QUEUED);
            assertThat(kept.attempt()).isEqualTo(2);
        });
        assertThat(auditDetails()).doesNotContain("lost under a lease");
    }

    /** A store for one hub has no other hub to take a node: every lease condition holds there. */
    @Test
    void storeForOneHubHoldsEveryLease() {
        assumeTrue(store().coordination().isEmpty(), "a store several hubs share checks its leases");
        JobRecord job = running();

        assertThat(store().record(lostUnder(job.id(), new JournalCondition.LeaseHeld(NODE, HUB_B, new FencingToken(42))))).isEmpty();

        assertThat(jobs().find(job.id()).orElseThrow().state()).isEqualTo(JobState.LOST);
    }

    /**
     * A hub ending a job it holds waiting (a cancel) after another writer stored the job's start changes nothing: the
     * job stays RUNNING with its real start, and no audit row says it was cancelled.
     */
    @Test
    void endOfAWaitingJobAnotherWriterStartedDoesNotApply() {
        JobRecord job = job("alice", at(1));
        jobs().create(job);
        assertThat(jobs().markRunning(job.id(), 1, NODE, at(2))).isTrue();

        assertThat(store().record(cancelledWaiting(job.id()))).containsExactly(job.id());

        assertThat(jobs().find(job.id()).orElseThrow()).satisfies(kept -> {
            assertThat(kept.state()).isEqualTo(JobState.RUNNING);
            assertThat(kept.startedAt()).contains(at(2));
        });
        assertThat(auditDetails()).doesNotContain("cancelled while it waited");
    }

    @Test
    void endOfAJobStillWaitingApplies() {
        JobRecord job = job("alice", at(1));
        jobs().create(job);

        assertThat(store().record(cancelledWaiting(job.id()))).isEmpty();

        assertThat(jobs().find(job.id()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(jobs().find(job.id()).orElseThrow().startedAt()).isEmpty();
        assertThat(auditDetails()).contains("cancelled while it waited");
    }

    /** A requeue in a group applies to a job running at that attempt; one that is not is named, and left as it is. */
    @Test
    void journalGroupNamesTheRequeuesThatDidNotApply() {
        JobRecord job = running();
        JobRecord waiting = job("bob", at(1));
        jobs().create(waiting);

        assertThat(store().record(new JournalGroup(List.of(), List.of(), Map.of(), List.of(new JobStore.JobRequeue(job.id(), 1, "lost", at(5)),
                new JobStore.JobRequeue(waiting.id(), 1, "lost", at(5))), List.of(), List.of()))).containsExactly(waiting.id());

        assertThat(jobs().find(job.id()).orElseThrow().attempt()).isEqualTo(2);
        assertThat(jobs().find(waiting.id()).orElseThrow().attempt()).isEqualTo(1);
    }

    private static JournalGroup cancelledWaiting(JobId job) {
        JobOutcome cancelled = new JobOutcome(1, JobState.CANCELLED, Optional.empty(), Bytes.EMPTY, "cancelled before it started", at(4));
        return JournalGroup.guarded(Map.of(job, cancelled), List.of(), row(job, "job.finished", "cancelled while it waited"),
                List.of(new JournalCondition.StillIn(job, 1, JobState.QUEUED)));
    }
}
