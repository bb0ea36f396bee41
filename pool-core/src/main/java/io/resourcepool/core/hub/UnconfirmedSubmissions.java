package io.resourcepool.core.hub;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.StoreException;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.store.JournalCondition;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submissions whose storing seemed to fail: a database that goes away during the commit cannot say whether it
 * committed. Their submitters heard of a failure; once the store answers again, a job found stored is run as
 * submitted, as a hub restarting on that store would run it, and one not found is forgotten.
 */
final class UnconfirmedSubmissions {
    private static final Logger log = LoggerFactory.getLogger(UnconfirmedSubmissions.class);

    private final Set<JobId> ids = ConcurrentHashMap.newKeySet();
    private final JobJournal journal;
    private final InstantSource clock;
    private final JobDispatcher dispatcher;

    UnconfirmedSubmissions(JobJournal journal, InstantSource clock, JobDispatcher dispatcher) {
        this.journal = journal;
        this.clock = clock;
        this.dispatcher = dispatcher;
    }

    /** A submission whose storing failed: kept until the store says whether it holds the job. */
    void add(JobId id) {
        ids.add(id);
    }

    /**
     * Looks for the submissions whose storing failed: one the store kept is taken as if found at start and placed,
     * one it does not hold is forgotten; while the store does not answer, they are kept for the next look.
     */
    void settle() {
        for (JobId id : ids) {
            Optional<JobRecord> stored;
            try {
                stored = journal.find(id);
            } catch (StoreException e) {
                return;
            }
            if (stored.isEmpty() || dispatcher.find(id).isPresent() || stored.get().state().isFinal()) {
                ids.remove(id);
            } else if (!runAsSubmitted(stored.get())) {
                return;
            }
        }
    }

    /**
     * Runs a job the store kept although its storing seemed to fail; one stored started was never sent to its worker,
     * so it has not run, and runs as its next attempt. Says false, the job still unconfirmed, when the store fails.
     */
    private boolean runAsSubmitted(JobRecord stored) {
        try {
            JobRecord record = stored;
            if (stored.state() == JobState.RUNNING) {
                // a give-up, under the node's lease: another hub that took the node meanwhile may have sent it the job
                Optional<List<JournalCondition>> fence = dispatcher.giveUpFence(stored.node().orElseThrow());
                AuditEvent requeued = new AuditEvent(clock.instant(), stored.owner(), "job.requeued", stored.id().toString(), "",
                        "stored started although its storing seemed to fail; its worker never had it");
                if (fence.isEmpty() || !requeued(stored, requeued, fence.get())) {
                    ids.remove(stored.id());
                    log.warn("job {} was stored started on node {}, which another hub holds now; it is left to that hub", stored.id(),
                            stored.node().get());
                    return true;
                }
                record = journal.find(stored.id()).orElseThrow();
            }
            ids.remove(stored.id());
            log.warn("job {} was stored although its storing seemed to fail; it runs as submitted", stored.id());
            dispatcher.recovered(new ActiveJob(record, JobWatcher.NONE));
            dispatcher.placeWaiting();
            return true;
        } catch (StoreException e) {
            return false;
        }
    }

    /** Requeues the job under the conditions; false when the store refused it, as they no longer held. */
    private boolean requeued(JobRecord stored, AuditEvent requeued, List<JournalCondition> fence) {
        try {
            Durably.await(journal.requeue(stored.id(), stored.attempt(), "its start could not be confirmed", requeued,
                    WorkerLoss.stillRunning(fence, stored.id(), stored.attempt())));
            return true;
        } catch (StoreException e) {
            if (e.getCause() instanceof WriteRefusedException) {
                return false;
            }
            throw e;
        } finally {
            dispatcher.givenUp(stored.node().orElseThrow());
        }
    }
}
