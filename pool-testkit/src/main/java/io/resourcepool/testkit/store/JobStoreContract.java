package io.resourcepool.testkit.store;

import static io.resourcepool.testkit.store.StoreSamples.T0;
import static io.resourcepool.testkit.store.StoreSamples.at;
import static io.resourcepool.testkit.store.StoreSamples.job;
import static io.resourcepool.testkit.store.StoreSamples.richSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.StoreException;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.api.spi.store.JobOutcome;
import io.resourcepool.api.spi.store.JobQuery;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.store.JobStore;
import io.resourcepool.api.spi.store.JournalGroup;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Jobs: storing them, whole or in batches, and listing them. Moves have {@link JobTransitionContract}. */
public abstract class JobStoreContract extends StoreFixture {
    private static final NodeId NODE = NodeId.of("worker-1");

    /**
     * Tests the given implementation.
     *
     * @param subject how to make the stores under test
     */
    protected JobStoreContract(StoreUnderTest subject) {
        super(subject);
    }

    private JobStore jobs() {
        return store().jobs();
    }

    private JobRecord created(String owner, long submittedMillis) {
        JobRecord job = job(owner, at(submittedMillis));
        jobs().create(job);
        return job;
    }

    @Test
    void journalGroupKeepsItsJobsAndTheirAuditRows() {
        JobRecord job = JobRecord.queued(JobId.random(), richSpec(), "alice", at(7));
        AuditEvent row = new AuditEvent(at(7), "alice", "job.submitted", job.id().toString(), "", "journal group");

        store().record(new JournalGroup(List.of(job), List.of(), Map.of(), List.of(row)));

        assertThat(jobs().find(job.id())).contains(job);
        assertThat(store().audit().list(AuditQuery.latest(10))).extracting(e -> e.event().detail()).contains("journal group");
    }

    /**
     * Two hubs sharing a store may both try to start one queued job: the second start is left out and named, so its
     * hub does not send the job to a worker, while the rest of its group is written.
     */
    @Test
    void journalGroupNamesTheStartsThatDidNotApply() {
        JobRecord taken = created("alice", 1);
        JobRecord free = created("alice", 2);
        NodeId node = NodeId.of("n1");
        assertThat(jobs().markRunning(taken.id(), 1, node, at(3))).isTrue();

        Set<JobId> notStarted = store().record(new JournalGroup(List.of(), List.of(new JobStore.JobStart(taken.id(), 1, node, at(4)),
                new JobStore.JobStart(free.id(), 1, node, at(4))), Map.of(), List.of()));

        assertThat(notStarted).containsExactly(taken.id());
        assertThat(jobs().find(taken.id()).orElseThrow().startedAt()).contains(at(3));
        assertThat(jobs().find(free.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
    }

    /**
     * A new job that fits a node is stored already started, its creation and start in one group: it reads back RUNNING
     * there from its start time, in its first attempt, beside a job of the same group that was only created; and a
     * start of it in a later group is refused as for any job already running.
     */
    @Test
    void journalGroupCreatesAJobAlreadyStarted() {
        JobRecord started = JobRecord.queued(JobId.random(), richSpec(), "alice", at(10));
        JobRecord waiting = JobRecord.queued(JobId.random(), richSpec(), "alice", at(10));
        AuditEvent row = new AuditEvent(at(10), "alice", "job.submitted", started.id().toString(), "", "stored started");

        Set<JobId> notStarted = store().record(new JournalGroup(List.of(started, waiting), List.of(new JobStore.JobStart(started.id(), 1, NODE,
                at(11))), Map.of(), List.of(row)));

        assertThat(notStarted).isEmpty();
        JobRecord read = jobs().find(started.id()).orElseThrow();
        assertThat(read.state()).isEqualTo(JobState.RUNNING);
        assertThat(read.node()).contains(NODE);
        assertThat(read.startedAt()).contains(at(11));
        assertThat(read.attempt()).isEqualTo(1);
        assertThat(read.spec()).isEqualTo(started.spec());
        assertThat(jobs().find(waiting.id())).contains(waiting);
        assertThat(store().record(new JournalGroup(List.of(), List.of(new JobStore.JobStart(started.id(), 1, NODE, at(12))), Map.of(), List.of())))
                .containsExactly(started.id());
    }

    /** A hub killed between a job's change and its audit row must not keep one without the other: all or nothing. */
    @Test
    void refusedJournalGroupKeepsNothingOfIt() {
        JobRecord existing = created("alice", 1);
        AuditEvent row = new AuditEvent(at(8), "alice", "job.submitted", existing.id().toString(), "", "never kept");
        long rowsBefore = store().audit().list(AuditQuery.latest(1000)).size();

        assertThatThrownBy(() -> store().record(new JournalGroup(List.of(existing), List.of(), Map.of(), List.of(row))))
                .isInstanceOf(StoreException.class);

        assertThat(store().audit().list(AuditQuery.latest(1000))).hasSize((int) rowsBefore)
                .extracting(e -> e.event().detail()).doesNotContain("never kept");
        assertThat(store().audit().verify().intact()).isTrue();
    }

    @Test
    void createdJobIsFoundWithItsWholeSpec() {
        JobRecord job = JobRecord.queued(JobId.random(), richSpec(), "alice", at(7));

        jobs().create(job);

        assertThat(jobs().find(job.id())).contains(job);
        assertThat(jobs().find(job.id()).orElseThrow().spec().environment()).containsEntry("TRICKY", "a=b;c\nd 🚀 \\ 5:x");
    }

    /** The hub stores environment values sealed (base64 after a prefix), so each may be as long as a spec allows. */
    @Test
    void environmentValuesAsLongAsSealedOnesAreKeptWhole() {
        Map<String, String> sealedLooking = new java.util.HashMap<>();
        for (int i = 0; i < 4; i++) {
            String base64 = "sealed/1:" + "Ab+/9=".repeat(JobSpec.MAX_ARGUMENT_CHARS);
            sealedLooking.put("TOKEN_" + i, base64.substring(0, JobSpec.MAX_ARGUMENT_CHARS - i));
        }
        JobRecord job = JobRecord.queued(JobId.random(), JobSpec.of("true").withEnvironment(sealedLooking), "alice", T0);

        jobs().create(job);

        assertThat(jobs().find(job.id()).orElseThrow().spec().environment()).isEqualTo(sealedLooking);
    }

    @Test
    void everyKindOfTargetIsKept() {
        for (NodeSelector target : List.of(NodeSelector.any(), NodeSelector.named(NODE), NodeSelector.labelled(Map.of("k", "v")))) {
            JobRecord job = JobRecord.queued(JobId.random(), JobSpec.of("true").withTarget(target), "alice", T0);
            jobs().create(job);

            assertThat(jobs().find(job.id()).orElseThrow().spec().target()).isEqualTo(target);
        }
    }

    @Test
    void jobWithATakenIdIsRefused() {
        JobRecord job = created("alice", 1);

        assertThatThrownBy(() -> jobs().create(JobRecord.queued(job.id(), JobSpec.of("other"), "bob", at(2))))
                .isInstanceOf(StoreException.class);
        assertThat(jobs().find(job.id())).contains(job);
    }

    @Test
    void newJobMustBeQueued() {
        JobRecord job = job("alice", T0);
        JobRecord running = new JobRecord(job.id(), job.spec(), "alice", JobState.RUNNING, 1, Optional.of(NODE), T0,
                Optional.of(T0), Optional.empty(), Optional.empty(), Bytes.EMPTY, "", java.time.Duration.ZERO);

        assertThatThrownBy(() -> jobs().create(running)).isInstanceOf(IllegalArgumentException.class);
        assertThat(jobs().find(job.id())).isEmpty();
    }

    @Test
    void batchOfJobsIsStoredWhole() {
        List<JobRecord> batch = List.of(job("alice", at(1)), job("bob", at(2)), job("carol", at(3)));

        jobs().createAll(batch);

        batch.forEach(j -> assertThat(jobs().find(j.id())).contains(j));
    }

    @Test
    void batchWithOneTakenIdStoresNothing() {
        JobRecord existing = created("alice", 1);
        JobRecord fresh = job("bob", at(2));

        assertThatThrownBy(() -> jobs().createAll(List.of(fresh, existing))).isInstanceOf(StoreException.class);

        assertThat(jobs().find(fresh.id())).isEmpty();
    }

    @Test
    void jobsAreListedNewestFirstUpToTheLimit() {
        JobRecord oldest = created("alice", 1);
        JobRecord newest = created("alice", 3);
        JobRecord middle = created("alice", 2);

        assertThat(jobs().list(JobQuery.all(10))).containsExactly(newest, middle, oldest);
        assertThat(jobs().list(JobQuery.all(2))).containsExactly(newest, middle);
    }

    @Test
    void jobsAreFilteredByStateNodeAndOwner() {
        JobRecord queued = created("alice", 1);
        JobRecord running = created("alice", 2);
        JobRecord bobs = created("bob", 3);
        jobs().markRunning(running.id(), 1, NODE, at(10));
        jobs().markRunning(bobs.id(), 1, NodeId.of("worker-2"), at(10));

        assertThat(jobs().list(JobQuery.inState(JobState.QUEUED, 10))).extracting(JobRecord::id).containsExactly(queued.id());
        assertThat(jobs().list(new JobQuery(Optional.empty(), Optional.of(NODE), Optional.empty(), 10)))
                .extracting(JobRecord::id).containsExactly(running.id());
        assertThat(jobs().list(new JobQuery(Optional.of(JobState.RUNNING), Optional.empty(), Optional.of("alice"), 10)))
                .extracting(JobRecord::id).containsExactly(running.id());
    }

    @Test
    void unfinishedJobsAreListedOldestFirstWithoutLimit() {
        JobRecord running = created("alice", 2);
        JobRecord queued = created("bob", 1);
        JobRecord ended = created("alice", 3);
        jobs().markRunning(running.id(), 1, NODE, at(10));
        assertThat(jobs().finish(ended.id(), new JobOutcome(1, JobState.CANCELLED, Optional.empty(), Bytes.EMPTY, "", at(11)))).isTrue();
        for (int i = 0; i < 30; i++) {
            created("carol", 100 + i);
        }

        List<JobRecord> unfinished = jobs().unfinished();

        assertThat(unfinished).hasSize(32).extracting(JobRecord::id).startsWith(queued.id(), running.id()).doesNotContain(ended.id());
        assertThat(unfinished.get(1).state()).isEqualTo(JobState.RUNNING);
        assertThat(unfinished.get(1).node()).contains(NODE);
    }
}
