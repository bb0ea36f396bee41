package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.ForwardingStore;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.store.JobStore;
import io.resourcepool.api.spi.store.JournalGroup;
import io.resourcepool.testkit.store.InMemoryStore;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The journal's two ways of writing: a new job handed in while nothing is written is durable when the call returns,
 * written on the caller's thread; what is handed in during a write waits for the writer thread's next commit, in
 * the order it came; starts always go through the writer thread.
 */
class JobJournalTest {
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    /** A store that says which thread wrote each group, and can hold a write until released. */
    private static final class WatchedStore extends ForwardingStore {
        final List<String> writers = new CopyOnWriteArrayList<>();
        final List<List<JobId>> groups = new CopyOnWriteArrayList<>();
        volatile CountDownLatch holdNext;
        volatile CountDownLatch held = new CountDownLatch(1);

        WatchedStore() {
            super(InMemoryStore.opened());
        }

        @Override
        public Set<JobId> record(JournalGroup group) {
            CountDownLatch hold = holdNext;
            if (hold != null) {
                holdNext = null;
                held.countDown();
                try {
                    assertThat(hold.await(30, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            writers.add(Thread.currentThread().getName());
            groups.add(List.copyOf(group.jobs()));
            return super.record(group);
        }
    }

    private final WatchedStore store = new WatchedStore();
    private final JobJournal journal = new JobJournal(store);

    @AfterEach
    void close() {
        journal.close();
    }

    @Test
    void aNewJobHandedInWhileNothingIsWrittenIsDurableWhenTheCallReturns() {
        JobRecord job = job();

        CompletableFuture<Void> stored = journal.create(job, submitted(job));

        assertThat(stored).isCompleted();
        assertThat(store.jobs().find(job.id())).contains(job);
        assertThat(store.writers).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void whatIsHandedInDuringAWriteWaitsForTheNextCommitInOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        store.holdNext = release;
        JobRecord first = job();
        CompletableFuture<CompletableFuture<Void>> firstCall = CompletableFuture.supplyAsync(() -> journal.create(first, submitted(first)));
        assertThat(store.held.await(30, TimeUnit.SECONDS)).isTrue();

        List<JobRecord> later = List.of(job(), job(), job());
        List<CompletableFuture<Void>> laterStored = later.stream().map(job -> journal.create(job, submitted(job))).toList();

        assertThat(laterStored).allSatisfy(stored -> assertThat(stored).isNotDone());
        release.countDown();
        assertThat(firstCall.get(30, TimeUnit.SECONDS)).isCompleted();
        CompletableFuture.allOf(laterStored.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(store.groups.getFirst()).containsExactly(first.id());
        assertThat(store.groups.stream().skip(1).flatMap(List::stream).toList()).containsExactlyElementsOf(later.stream().map(JobRecord::id).toList());
        assertThat(store.writers.stream().skip(1)).allMatch("hub-journal"::equals);
    }

    /** Several callers at once: once records often meet a write, each waits for the writer thread's next group. */
    @Test
    void underLoadANewJobWaitsForTheWriterThreadEvenWhenNothingIsWritten() throws Exception {
        for (int i = 0; i < 20; i++) {
            CountDownLatch release = new CountDownLatch(1);
            store.holdNext = release;
            JobRecord held = job();
            JobRecord meeting = job();
            CompletableFuture<CompletableFuture<Void>> heldCall = CompletableFuture.supplyAsync(() -> journal.create(held, submitted(held)));
            assertThat(store.held.await(30, TimeUnit.SECONDS)).isTrue();
            store.held = new CountDownLatch(1);
            CompletableFuture<Void> meetingStored = journal.create(meeting, submitted(meeting));
            release.countDown();
            heldCall.get(30, TimeUnit.SECONDS).get(30, TimeUnit.SECONDS);
            meetingStored.get(30, TimeUnit.SECONDS);
        }
        int before = store.writers.size();
        JobRecord job = job();

        journal.create(job, submitted(job)).get(30, TimeUnit.SECONDS);

        assertThat(store.writers.subList(before, store.writers.size())).containsExactly("hub-journal");
    }

    /** Starts come in runs from one thread placing the waiting jobs; one commit should take a run together. */
    @Test
    void aStartIsWrittenByTheWriterThreadEvenWhenNothingElseIsWritten() throws Exception {
        JobRecord job = job();
        journal.create(job, submitted(job)).get(30, TimeUnit.SECONDS);

        journal.start(new JobStore.JobStart(job.id(), 1, NodeId.of("n1"), AT)).get(30, TimeUnit.SECONDS);

        assertThat(store.writers).last().isEqualTo("hub-journal");
    }

    private static JobRecord job() {
        return JobRecord.queued(JobId.random(), JobSpec.of("true"), "alice", AT);
    }

    private static AuditEvent submitted(JobRecord job) {
        return new AuditEvent(AT, "alice", "job.submitted", job.id().toString(), "", "program true on any node");
    }
}
