package io.resourcepool.launcher.bench;

import io.resourcepool.api.JobId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the soak's clients did, as they did it: every job the hub accepted (gave an id for) and the end the client
 * saw, and how the client processes that followed jobs fared when reattached after a kill.
 */
final class SoakRecord {
    private final Map<JobId, SoakJob> jobs = new LinkedHashMap<>();
    private final AtomicLong reattached = new AtomicLong();
    private final List<String> reattachFailures = new ArrayList<>();

    /** Records a job the hub accepted. */
    synchronized SoakJob accepted(SoakJob job) {
        jobs.put(job.id(), job);
        return job;
    }

    /** Records the end a client saw. */
    synchronized void seen(SoakJob job) {
        jobs.put(job.id(), job);
    }

    /** Records a client process that followed a job again after the previous one was killed or dropped. */
    void reattached() {
        reattached.incrementAndGet();
    }

    /** Records a reattached follower that did not print its job's end although the job succeeded. */
    synchronized void reattachFailed(String what) {
        reattachFailures.add(what);
    }

    synchronized List<SoakJob> jobs() {
        return List.copyOf(jobs.values());
    }

    long reattachedCount() {
        return reattached.get();
    }

    synchronized List<String> reattachFailures() {
        return List.copyOf(reattachFailures);
    }
}
