package io.resourcepool.launcher.bench;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * What became of a benchmark's jobs, read from the hub's store once none is left unfinished: each job's final
 * state and queue-to-start time, and whether every job ended exactly once (one attempt, one {@code job.finished}
 * audit row, and as many jobs as were asked for).
 */
final class JobTally {
    private final Latencies queueToStart = new Latencies();
    private final Map<JobState, Integer> states = new EnumMap<>(JobState.class);
    private final int expected;
    private final int found;
    private int retried;
    private int finishedRowsAmiss;
    private Instant lastEnd = Instant.EPOCH;

    private JobTally(int expected, int found) {
        this.expected = expected;
        this.found = found;
    }

    /** Waits until the store holds no unfinished job, then tallies the jobs. */
    static JobTally await(Store store, List<JobId> ids, int expected, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!store.jobs().unfinished().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(store.jobs().unfinished().size() + " jobs had not ended after " + patience);
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        JobTally tally = new JobTally(expected, ids.size());
        Map<String, Long> finishedRows = store.audit().list(new AuditQuery(Optional.empty(), Optional.of("job.finished"), Optional.empty(),
                10_000)).stream().collect(Collectors.groupingBy(e -> e.event().target(), Collectors.counting()));
        for (JobId id : ids) {
            tally.add(store.jobs().find(id).orElseThrow(), finishedRows.getOrDefault(id.toString(), 0L));
        }
        return tally;
    }

    private void add(JobRecord job, long finishedRows) {
        states.merge(job.state(), 1, Integer::sum);
        job.startedAt().ifPresent(start -> queueToStart.record(Duration.between(job.submittedAt(), start).toNanos()));
        job.finishedAt().filter(lastEnd::isBefore).ifPresent(end -> lastEnd = end);
        if (job.attempt() != 1) {
            retried++;
        }
        if (finishedRows != 1) {
            finishedRowsAmiss++;
        }
    }

    Latencies queueToStart() {
        return queueToStart;
    }

    Instant lastEnd() {
        return lastEnd;
    }

    String states() {
        return states.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    boolean exactlyOnce() {
        return found == expected && retried == 0 && finishedRowsAmiss == 0 && states.keySet().stream().allMatch(JobState::isFinal);
    }

    String verdict() {
        if (exactlyOnce()) {
            return "yes: " + found + " jobs, each ended once, in one attempt, with one job.finished audit row";
        }
        return "NO: " + found + " of " + expected + " jobs submitted, " + retried + " with more than one attempt, "
                + finishedRowsAmiss + " without exactly one job.finished audit row";
    }
}
