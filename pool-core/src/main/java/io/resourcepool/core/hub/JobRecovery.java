package io.resourcepool.core.hub;

import io.resourcepool.api.HubId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.store.JobStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hub that starts finds the jobs an earlier run left unfinished in the store: the QUEUED ones wait to be placed,
 * and the RUNNING ones are orphans of their node until its grace ends, so that a worker that reconnects in time
 * reports them and their results are recorded as if the hub had never stopped.
 */
final class JobRecovery {
    private static final Logger log = LoggerFactory.getLogger(JobRecovery.class);

    private JobRecovery() {}

    static void recover(JobStore jobs, JobDispatcher dispatcher, OrphanedJobs orphans, Instant graceEnds, HubLeases leases) {
        List<HubId> liveHubs = leases.liveHubs();
        List<JobRecord> unfinished = new ArrayList<>(jobs.unfinished());
        int othersRunning = unfinished.size();
        // the running jobs of a node another live hub holds are that hub's: its worker reports them there
        unfinished.removeIf(record -> record.state() == JobState.RUNNING && leases.heldElsewhere(record.node().orElseThrow(), liveHubs));
        othersRunning -= unfinished.size();
        if (othersRunning > 0) {
            log.info("left {} running jobs to the other live hubs that hold their nodes", othersRunning);
        }
        int running = 0;
        for (JobRecord record : unfinished) {
            ActiveJob job = new ActiveJob(record, JobWatcher.NONE);
            dispatcher.recovered(job);
            if (record.state() == JobState.RUNNING) {
                orphans.orphan(record.node().orElseThrow(), List.of(job), graceEnds);
                running++;
            }
        }
        if (!unfinished.isEmpty()) {
            log.info("found {} queued and {} running jobs from before; running ones wait for their workers until {}",
                    unfinished.size() - running, running, graceEnds);
        }
    }
}
