package io.resourcepool.testkit.store;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.StoreException;
import io.resourcepool.api.spi.store.JobOutcome;
import io.resourcepool.api.spi.store.JobQuery;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.store.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Jobs in a map, under one lock; every move is checked against the state machine and the attempt. */
final class InMemoryJobStore extends LockedFacet implements JobStore {
    private static final Comparator<JobRecord> NEWEST_FIRST =
            Comparator.comparing(JobRecord::submittedAt).reversed().thenComparing(j -> j.id().toString());

    private final Map<JobId, JobRecord> jobs = new HashMap<>();

    InMemoryJobStore(OpenState state) {
        super(state);
    }

    @Override
    public void create(JobRecord job) {
        createAll(List.of(Objects.requireNonNull(job, "job must be given")));
    }

    @Override
    public void createAll(List<JobRecord> newJobs) {
        List<JobRecord> all = List.copyOf(Objects.requireNonNull(newJobs, "jobs must be given"));
        all.forEach(InMemoryJobStore::requireQueued);
        lockedRun(() -> {
            Set<JobId> seen = new LinkedHashSet<>();
            for (JobRecord job : all) {
                if (jobs.containsKey(job.id()) || !seen.add(job.id())) {
                    throw new StoreException("a job with id " + job.id() + " exists already; nothing was stored");
                }
            }
            all.forEach(job -> jobs.put(job.id(), job));
        });
    }

    @Override
    public Optional<JobRecord> find(JobId id) {
        return locked(() -> Optional.ofNullable(jobs.get(id)));
    }

    @Override
    public List<JobRecord> unfinished() {
        return locked(() -> jobs.values().stream().filter(j -> !j.state().isFinal()).sorted(NEWEST_FIRST.reversed()).toList());
    }

    @Override
    public List<JobRecord> list(JobQuery query) {
        Objects.requireNonNull(query, "query must be given");
        return locked(() -> jobs.values().stream()
                .filter(j -> query.state().map(s -> s == j.state()).orElse(true))
                .filter(j -> query.node().map(n -> j.node().equals(Optional.of(n))).orElse(true))
                .filter(j -> query.owner().map(o -> o.equals(j.owner())).orElse(true))
                .sorted(NEWEST_FIRST)
                .limit(query.limit())
                .toList());
    }

    @Override
    public boolean markRunning(JobId id, int attempt, NodeId node, Instant at) {
        Objects.requireNonNull(node, "node must be given");
        Objects.requireNonNull(at, "at must be given");
        return move(id, attempt, JobState.RUNNING, j -> new JobRecord(j.id(), j.spec(), j.owner(), JobState.RUNNING, j.attempt(),
                Optional.of(node), j.submittedAt(), Optional.of(at), j.finishedAt(), j.exitCode(), j.outputTail(), j.reason(), j.earlierGpuTime()));
    }

    @Override
    public boolean finish(JobId id, JobOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome must be given");
        return locked(() -> finishLocked(id, outcome));
    }

    @Override
    public int pruneFinished(Instant finishedBefore, int maxRows) {
        Objects.requireNonNull(finishedBefore, "finishedBefore must be given");
        return locked(() -> OldEntries.removeBatch(jobs, j -> j.state().isFinal() && j.finishedAt().filter(f -> f.isBefore(finishedBefore)).isPresent(), maxRows));
    }

    @Override
    public Set<JobId> finishAll(Map<JobId, JobOutcome> outcomes) {
        Map<JobId, JobOutcome> all = Map.copyOf(Objects.requireNonNull(outcomes, "outcomes must be given"));
        return locked(() -> {
            Set<JobId> moved = new LinkedHashSet<>();
            all.forEach((id, outcome) -> {
                if (finishLocked(id, outcome)) {
                    moved.add(id);
                }
            });
            return Set.copyOf(moved);
        });
    }

    @Override
    public boolean requeue(JobId id, int attempt, String reason, Instant at) {
        Objects.requireNonNull(reason, "reason must be given");
        Objects.requireNonNull(at, "at must be given");
        return move(id, attempt, JobState.QUEUED, j -> new JobRecord(j.id(), j.spec(), j.owner(), JobState.QUEUED, j.attempt() + 1,
                Optional.empty(), j.submittedAt(), Optional.empty(), j.finishedAt(), j.exitCode(), j.outputTail(), reason,
                j.earlierGpuTime().plus(j.currentAttemptGpuTime(at))));
    }

    @Override
    public Map<String, Duration> gpuTimeByOwner() {
        return locked(() -> {
            Map<String, Duration> byOwner = new HashMap<>();
            jobs.values().stream().filter(j -> j.gpuSeconds() > 0)
                    .forEach(j -> byOwner.merge(j.owner(), Duration.ofMillis(Math.round(j.gpuSeconds() * 1000)), Duration::plus));
            return Map.copyOf(byOwner);
        });
    }

    private boolean finishLocked(JobId id, JobOutcome o) {
        return moveLocked(id, o.attempt(), o.state(), j -> new JobRecord(j.id(), j.spec(), j.owner(), o.state(), j.attempt(),
                j.node(), j.submittedAt(), j.startedAt(), Optional.of(o.at()), o.exitCode(), o.outputTail(), o.reason(), j.earlierGpuTime()));
    }

    private boolean move(JobId id, int attempt, JobState target, UnaryOperator<JobRecord> edit) {
        return locked(() -> moveLocked(id, attempt, target, edit));
    }

    private boolean moveLocked(JobId id, int attempt, JobState target, UnaryOperator<JobRecord> edit) {
        JobRecord job = jobs.get(Objects.requireNonNull(id, "id must be given"));
        if (job == null || job.attempt() != attempt || !job.state().canMoveTo(target)) {
            return false;
        }
        jobs.put(id, edit.apply(job));
        return true;
    }

    private static void requireQueued(JobRecord job) {
        if (job.state() != JobState.QUEUED) {
            throw new IllegalArgumentException("a new job must be QUEUED, but job " + job.id() + " is " + job.state());
        }
    }
}
