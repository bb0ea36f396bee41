package io.resourcepool.core.hub;

import io.resourcepool.api.JobId;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.JobOutcome;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.store.JobStore;
import io.resourcepool.api.spi.store.JournalCondition;
import io.resourcepool.api.spi.store.JournalGroup;
import io.resourcepool.api.spi.store.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's one writer of jobs and their audit rows, committing in groups: whatever has queued up while the
 * last group was written goes in the next, one transaction per kind (new jobs, starts, finishes, audit rows).
 * Nothing waits on a timer. Each caller gets a future that completes when its record is durable.
 *
 * <p>Tuned to latency when idle and to throughput under load. While the journal is idle ({@link JournalLoad}: records
 * seldom find it writing, as with one client), a new job, or an end a worker reported, whose caller finds nothing
 * queued and nothing being written is written at once on the caller's thread, and its future is complete when the
 * call returns: no hand-over to the writer thread and back, which cost about as much as the commit. Otherwise the
 * record is queued, and the writer thread puts everything queued meanwhile in its next commit: under load, one
 * commit for many records, which writing each at once would not give. Starts, requeues and notes are always queued:
 * they come in runs from one thread (placing the jobs that wait, giving up a lost node's jobs) that one commit
 * should take together. Records are written in the order they were handed in: a caller writes its own only when
 * every earlier one is durable.
 *
 * <p>Owns one platform thread for the groups (JDBC calls block and may pin a virtual thread's carrier; a write of
 * one record on the caller's thread holds its carrier for the length of one commit).
 */
final class JobJournal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobJournal.class);
    private static final int MAX_GROUP = 512;

    private sealed interface Entry {
        CompletableFuture<Void> done();
    }

    private record Create(JobRecord job, AuditEvent audit, CompletableFuture<Void> done) implements Entry {}

    private record CreateStarted(JobRecord job, AuditEvent audit, JobStore.JobStart start, CompletableFuture<Void> done) implements Entry {}

    private record Start(JobStore.JobStart start, CompletableFuture<Void> done) implements Entry {}

    private record Finish(JobId job, JobOutcome outcome, AuditEvent audit, List<JournalCondition> conditions, CompletableFuture<Void> done)
            implements Entry {}

    private record Requeue(JobStore.JobRequeue requeue, AuditEvent audit, List<JournalCondition> conditions, CompletableFuture<Void> done)
            implements Entry {}

    private record Note(AuditEvent audit, CompletableFuture<Void> done) implements Entry {}

    private record Stop(CompletableFuture<Void> done) implements Entry {}

    private final Store store;
    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    /** Held while a group or a caller's own record is written, so that one write runs at a time. */
    private final ReentrantLock writing = new ReentrantLock();
    private final JournalLoad load = new JournalLoad();
    /** Records handed in and not yet written: a caller writes its own only when this is 0. */
    private final AtomicInteger unwritten = new AtomicInteger();

    JobJournal(Store store) {
        this.store = store;
        this.writer = Thread.ofPlatform().daemon().name("hub-journal").start(this::writeGroups);
    }

    /**
     * Reads a job as the store holds it now, past the queue of writes.
     *
     * @throws io.resourcepool.api.StoreException when the store cannot answer
     */
    Optional<JobRecord> find(JobId id) {
        return store.jobs().find(id);
    }

    /** Stores a new job and its audit row; the future completes once both are durable. */
    CompletableFuture<Void> create(JobRecord job, AuditEvent submitted) {
        return enqueue(new Create(job, submitted, new CompletableFuture<>()));
    }

    /** Stores a new job already started on a node, with its audit row, in the same commit. */
    CompletableFuture<Void> createStarted(JobRecord job, AuditEvent submitted, JobStore.JobStart start) {
        return enqueue(new CreateStarted(job, submitted, start, new CompletableFuture<>()));
    }

    /**
     * Records a job's start. The future fails with {@link StartRefusedException} when the store no longer holds the job
     * QUEUED at that attempt (another hub sharing it started, ended or requeued it first).
     */
    CompletableFuture<Void> start(JobStore.JobStart start) {
        return enqueue(new Start(start, new CompletableFuture<>()));
    }

    /** Records a job's end and its audit row. */
    CompletableFuture<Void> finish(JobId job, JobOutcome outcome, AuditEvent finished) {
        return finish(job, outcome, finished, List.of());
    }

    /**
     * Records a job's end and its audit row, in a transaction of their own, only while the conditions hold (none: as
     * {@link #finish(JobId, JobOutcome, AuditEvent)}). The future fails with {@link WriteRefusedException} when one
     * did not, and nothing was written.
     */
    CompletableFuture<Void> finish(JobId job, JobOutcome outcome, AuditEvent finished, List<JournalCondition> conditions) {
        return enqueue(new Finish(job, outcome, finished, conditions, new CompletableFuture<>()));
    }

    /**
     * Records that a lost attempt ends (at the time of its audit row) and the job waits for its next, with its audit row,
     * in a transaction of their own, only while the conditions hold: the future fails with {@link WriteRefusedException}
     * when one did not, or the job was not RUNNING at that attempt, and nothing was written.
     */
    CompletableFuture<Void> requeue(JobId job, int attempt, String reason, AuditEvent requeued, List<JournalCondition> conditions) {
        JobStore.JobRequeue requeue = new JobStore.JobRequeue(job, attempt, reason, requeued.at());
        return enqueue(new Requeue(requeue, requeued, conditions, new CompletableFuture<>()));
    }

    /** Writes an audit row about jobs that changes no job, in the next group. */
    CompletableFuture<Void> note(AuditEvent row) {
        return enqueue(new Note(row, new CompletableFuture<>()));
    }

    private <E extends Entry> CompletableFuture<Void> enqueue(E entry) {
        if (!writer.isAlive()) {
            entry.done().completeExceptionally(new IllegalStateException("the hub's journal is closed"));
            return entry.done();
        }
        load.arrived(unwritten.get() != 0 || writing.isLocked());
        if (!mayWriteAtOnce(entry) || !load.idle() || !writeAtOnce(entry)) {
            unwritten.incrementAndGet();
            queue.add(entry);
        }
        return entry.done();
    }

    private static boolean mayWriteAtOnce(Entry entry) {
        return entry instanceof Create || entry instanceof CreateStarted || entry instanceof Finish f && f.conditions().isEmpty();
    }

    /** Writes the entry on the caller's thread when nothing is being written and nothing waits; false otherwise. */
    private boolean writeAtOnce(Entry entry) {
        // not from inside a write (a future completed by it): that one would wait for this one
        if (unwritten.get() != 0 || writing.isHeldByCurrentThread() || !writing.tryLock()) {
            return false;
        }
        try {
            if (unwritten.get() != 0) {
                return false;
            }
            write(List.of(entry));
            return true;
        } finally {
            writing.unlock();
        }
    }

    private void writeGroups() {
        List<Entry> group = new ArrayList<>();
        while (true) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(group, MAX_GROUP - 1);
            boolean stopping = group.removeIf(Stop.class::isInstance);
            writing.lock();
            try {
                write(group);
            } finally {
                unwritten.addAndGet(-group.size());
                writing.unlock();
            }
            group.clear();
            if (stopping) {
                return;
            }
        }
    }

    /**
     * Writes a group in order where order matters: a requeue must land after the start of the attempt it ends
     * and before the start of the next, so the group is cut at each requeue (they are rare). An end written under
     * conditions goes alone too, so that nothing else is held back when they do not hold.
     */
    private void write(List<Entry> group) {
        int from = 0;
        for (int i = 0; i < group.size(); i++) {
            if (group.get(i) instanceof Requeue || group.get(i) instanceof Finish f && !f.conditions().isEmpty()) {
                writeBatched(group.subList(from, i));
                writeAlone(group.get(i));
                from = i + 1;
            }
        }
        writeBatched(group.subList(from, group.size()));
    }

    /** A requeue, or a guarded end, in a transaction of its own with its audit row. */
    private void writeAlone(Entry entry) {
        JournalGroup alone = switch (entry) {
            case Requeue r -> JournalGroup.guarded(Map.of(), List.of(r.requeue()), r.audit(), r.conditions());
            case Finish f -> JournalGroup.guarded(Map.of(f.job(), f.outcome()), List.of(), f.audit(), f.conditions());
            default -> throw new IllegalStateException("only requeues and guarded ends are written alone");
        };
        JobId job = alone.jobs().iterator().next();
        String what = entry instanceof Requeue ? "requeue" : "end";
        try {
            if (store.record(alone).isEmpty()) {
                entry.done().complete(null);
            } else {
                entry.done().completeExceptionally(new WriteRefusedException(job, what));
            }
        } catch (RuntimeException e) {
            log.error("could not {} job {} in the store", what, job, e);
            entry.done().completeExceptionally(e);
        }
    }

    private void writeBatched(List<Entry> group) {
        if (group.isEmpty()) {
            return;
        }
        List<JobRecord> creates = new ArrayList<>();
        List<JobStore.JobStart> starts = new ArrayList<>();
        Map<JobId, JobOutcome> finishes = new LinkedHashMap<>();
        List<AuditEvent> rows = new ArrayList<>();
        for (Entry entry : group) {
            switch (entry) {
                case Create c -> {
                    creates.add(c.job());
                    rows.add(c.audit());
                }
                case CreateStarted c -> {
                    creates.add(c.job());
                    starts.add(c.start());
                    rows.add(c.audit());
                }
                case Start s -> starts.add(s.start());
                case Finish f -> {
                    finishes.put(f.job(), f.outcome());
                    rows.add(f.audit());
                }
                case Note n -> rows.add(n.audit());
                case Requeue r -> throw new IllegalStateException("requeues are written on their own");
                case Stop s -> { }
            }
        }
        try {
            // one transaction for the group: a hub killed at any moment keeps each change with its audit row, or neither
            Set<JobId> notStarted = store.record(new JournalGroup(creates, starts, finishes, rows));
            for (Entry entry : group) {
                if (entry instanceof Start start && notStarted.contains(start.start().id())) {
                    entry.done().completeExceptionally(new StartRefusedException(start.start()));
                } else {
                    entry.done().complete(null);
                }
            }
        } catch (RuntimeException e) {
            log.error("could not write {} job records to the store", group.size(), e);
            group.forEach(entry -> entry.done().completeExceptionally(e));
        }
    }

    /** Writes what is queued, then stops the writer thread. */
    @Override
    public void close() {
        Stop stop = new Stop(new CompletableFuture<>());
        queue.add(stop);
        try {
            writer.join(java.time.Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
