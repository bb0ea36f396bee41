package io.resourcepool.core.hub;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.StoreException;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.JobRecord;
import java.time.InstantSource;
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
                AuditEvent requeued = new AuditEvent(clock.instant(), stored.owner(), "job.requeued", stored.id().toString(), "",
                        "stored started although its storing seemed to fail; its worker never had it");
                Durably.await(journal.requeue(stored.id(), stored.attempt(), "its start could not be confirmed", requeued));
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
}
