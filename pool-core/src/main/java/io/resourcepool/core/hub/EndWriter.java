package io.resourcepool.core.hub;

import io.resourcepool.api.StoreException;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.JobOutcome;
import io.resourcepool.api.spi.store.JournalCondition;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one job's end until the store takes it. A store that is away (restarting, unreachable) must not lose a
 * result the worker has handed over: the write is tried again, waiting longer each time up to {@link #MOST_WAIT},
 * for as long as the hub runs. Writing the same end twice is harmless: the store moves a job to a final state once.
 * A failure that is not the store's (the hub stopping) ends the tries; the worker still holds the result then and
 * reports it to the hub's next run. An end written under conditions that no longer hold is refused: the future fails
 * with the {@link WriteRefusedException}, for the caller to leave the job to the hub that drives it.
 */
final class EndWriter {
    private static final Logger log = LoggerFactory.getLogger(EndWriter.class);
    private static final Duration FIRST_WAIT = Duration.ofMillis(250);
    private static final Duration MOST_WAIT = Duration.ofSeconds(5);

    private final JobJournal journal;
    private final ActiveJob job;
    private final JobOutcome outcome;
    private final AuditEvent finished;
    private final AtomicInteger unrecorded;
    private final List<JournalCondition> conditions;
    private final CompletableFuture<Void> stored = new CompletableFuture<>();

    /**
     * A writer that counts in {@code unrecorded} the ends it is still trying to write after a first failure, and writes
     * the end only while the conditions hold (none for an end the worker reported).
     */
    EndWriter(JobJournal journal, AtomicInteger unrecorded, ActiveJob job, JobOutcome outcome, AuditEvent finished,
            List<JournalCondition> conditions) {
        this.conditions = conditions;
        this.journal = journal;
        this.unrecorded = unrecorded;
        this.job = job;
        this.outcome = outcome;
        this.finished = finished;
    }

    /** Starts writing; the future completes once the end is stored, fails when it was refused, and never completes when the hub stopped first. */
    CompletableFuture<Void> write() {
        attempt(1, FIRST_WAIT);
        return stored;
    }

    private void attempt(int tries, Duration wait) {
        journal.finish(job.id(), outcome, finished, conditions).whenComplete((done, failure) -> {
            if (failure == null) {
                if (tries > 1) {
                    unrecorded.decrementAndGet();
                    log.info("the end of job {} ({}) is stored, at try {}", job.id(), outcome.state(), tries);
                }
                stored.complete(null);
                return;
            }
            Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
            if (cause instanceof WriteRefusedException refused) {
                if (tries > 1) {
                    unrecorded.decrementAndGet();
                }
                stored.completeExceptionally(refused);
                return;
            }
            if (!(cause instanceof StoreException)) {
                if (tries > 1) {
                    unrecorded.decrementAndGet();
                }
                log.warn("the end of job {} was not stored ({}); its worker keeps the result for the hub's next run", job.id(), cause.getMessage());
                return;
            }
            if (tries == 1) {
                unrecorded.incrementAndGet();
            }
            log.warn("the end of job {} ({}) could not be stored, try {}: {}; its worker keeps the result; trying again in {} ms", job.id(),
                    outcome.state(), tries, cause.getMessage(), wait.toMillis());
            Duration next = wait.multipliedBy(2).compareTo(MOST_WAIT) > 0 ? MOST_WAIT : wait.multipliedBy(2);
            CompletableFuture.runAsync(() -> attempt(tries + 1, next), CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS));
        });
    }
}
