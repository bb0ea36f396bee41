package io.resourcepool.store.jdbc;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.StoreException;
import io.resourcepool.api.spi.store.JobOutcome;
import io.resourcepool.api.spi.store.JobQuery;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.store.JobStore;
import io.resourcepool.api.spi.store.JournalGroup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Jobs, in the {@code jobs} table. Every move is one UPDATE guarded by the job's attempt and by the states
 * it may leave from, so a stale writer's UPDATE matches no row and the move is refused.
 */
final class JdbcJobStore implements JobStore {
    static final String COLUMNS = "id, spec, owner, state, attempt, node, submitted_at, started_at, finished_at, exit_code, output_tail, reason, "
            + "earlier_gpu_time";
    private static final String INSERT = "INSERT INTO jobs (" + COLUMNS + ", gpus) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String START = "UPDATE jobs SET state = ?, node = ?, started_at = ? WHERE id = ? AND attempt = ?"
            + JobTransitions.fromStatesCondition(JobState.RUNNING);
    /** Adds the ending attempt's GPU time before clearing its start (MariaDB assigns left to right, seeing earlier assignments). */
    private static final String REQUEUE = "UPDATE jobs SET state = ?, attempt = attempt + 1, node = NULL, "
            + "earlier_gpu_time = earlier_gpu_time + CASE WHEN started_at < ? THEN gpus * (? - started_at) ELSE 0 END, "
            + "started_at = NULL, reason = ? WHERE id = ? AND attempt = ?" + JobTransitions.fromStatesCondition(JobState.QUEUED);
    /** Every attempt's GPU time, in GPU-microseconds, by owner; the current attempt's once it has ended. */
    private static final String GPU_TIME_BY_OWNER = "SELECT owner, SUM(earlier_gpu_time + CASE WHEN finished_at > started_at "
            + "THEN gpus * (finished_at - started_at) ELSE 0 END) AS gpu_time FROM jobs GROUP BY owner";

    /** Jobs in a final state (enum names only, so writing them into the SQL is safe) that finished before a time. */
    private static final OldRows FINISHED = new OldRows("jobs", "id", "state IN (" + java.util.Arrays.stream(JobState.values())
            .filter(JobState::isFinal).map(s -> "'" + s.name() + "'").collect(java.util.stream.Collectors.joining(", "))
            + ") AND finished_at < ?");

    private final Database db;

    JdbcJobStore(Database db) {
        this.db = db;
    }

    @Override
    public void create(JobRecord job) {
        createAll(List.of(Objects.requireNonNull(job, "job must be given")));
    }

    @Override
    public void createAll(List<JobRecord> jobs) {
        List<JobRecord> all = List.copyOf(Objects.requireNonNull(jobs, "jobs must be given"));
        all.forEach(JdbcJobStore::requireQueued);
        if (all.isEmpty()) {
            return;
        }
        String what = all.size() == 1 ? "store job " + all.getFirst().id() : "store " + all.size() + " jobs";
        try {
            db.write(what, c -> insertAll(c, all));
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException sql && isDuplicate(sql)) {
                throw new StoreException("a job with " + (all.size() == 1 ? "id " + all.getFirst().id() : "one of these ids")
                        + " exists already; nothing was stored", sql);
            }
            throw e;
        }
    }

    @Override
    public Optional<JobRecord> find(JobId id) {
        return db.queryOne("find job " + id, "SELECT " + COLUMNS + " FROM jobs WHERE id = ?", p -> p.text(id.toString()), JobRows::job);
    }

    @Override
    public List<JobRecord> list(JobQuery query) {
        return JobListing.list(db, query);
    }

    @Override
    public List<JobRecord> unfinished() {
        return JobListing.unfinished(db);
    }

    @Override
    public boolean markRunning(JobId id, int attempt, NodeId node, Instant at) {
        Objects.requireNonNull(node, "node must be given");
        Objects.requireNonNull(at, "at must be given");
        return db.update("start job " + id, START,
                p -> p.text(JobState.RUNNING.name()).text(node.value()).time(at).text(id.toString()).number(attempt)) == 1;
    }

    @Override
    public Set<JobId> markRunningAll(List<JobStart> starts) {
        List<JobStart> all = List.copyOf(Objects.requireNonNull(starts, "starts must be given"));
        if (all.isEmpty()) {
            return Set.of();
        }
        return db.write("start " + all.size() + " jobs", c -> JobTransitions.startAll(c, db.dialect(), all, START));
    }

    @Override
    public boolean finish(JobId id, JobOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome must be given");
        return db.write("finish job " + id, c -> {
            try (PreparedStatement s = c.prepareStatement(JobTransitions.finishSql(outcome.state()))) {
                JobTransitions.bindFinish(new Params(s), id, outcome);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Set<JobId> finishAll(Map<JobId, JobOutcome> outcomes) {
        Map<JobId, JobOutcome> all = Map.copyOf(Objects.requireNonNull(outcomes, "outcomes must be given"));
        if (all.isEmpty()) {
            return Set.of();
        }
        return db.write("finish " + all.size() + " jobs", c -> JobTransitions.finishAll(c, db.dialect(), all));
    }

    @Override
    public boolean requeue(JobId id, int attempt, String reason, Instant at) {
        Objects.requireNonNull(reason, "reason must be given");
        Objects.requireNonNull(at, "at must be given");
        return db.update("requeue job " + id, REQUEUE, p -> bindRequeue(p, id, attempt, reason, at)) == 1;
    }

    @Override
    public Map<String, Duration> gpuTimeByOwner() {
        List<Map.Entry<String, Duration>> rows = db.queryList("sum GPU time by owner", GPU_TIME_BY_OWNER, Database.Binding.NONE,
                r -> Map.entry(r.getString("owner"), Micros.toDuration(r.getLong("gpu_time"))));
        return rows.stream().filter(e -> e.getValue().isPositive()).collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey,
                Map.Entry::getValue));
    }

    @Override
    public int pruneFinished(Instant finishedBefore, int maxRows) {
        Objects.requireNonNull(finishedBefore, "finishedBefore must be given");
        return FINISHED.deleteBatch(db, p -> p.time(finishedBefore), maxRows);
    }

    /**
     * Writes a journal group's new jobs, starts, ends and requeues in the caller's transaction (its conditions checked
     * already); says which starts and requeues did not apply.
     */
    Set<JobId> record(Connection c, JournalGroup group) throws SQLException {
        group.creates().forEach(JdbcJobStore::requireQueued);
        Set<JobId> moved = new java.util.HashSet<>();
        List<JobStore.JobStart> laterStarts = new ArrayList<>(group.starts());
        if (!group.creates().isEmpty()) {
            insertAll(c, startedWithin(group.creates(), laterStarts, moved));
        }
        if (!laterStarts.isEmpty()) {
            moved.addAll(JobTransitions.startAll(c, db.dialect(), laterStarts, START));
        }
        if (!group.finishes().isEmpty()) {
            JobTransitions.finishAll(c, db.dialect(), group.finishes());
        }
        for (JobRequeue requeue : group.requeues()) {
            try (PreparedStatement s = c.prepareStatement(REQUEUE)) {
                bindRequeue(new Params(s), requeue.id(), requeue.attempt(), requeue.reason(), requeue.at());
                if (s.executeUpdate() == 1) {
                    moved.add(requeue.id());
                }
            }
        }
        return JournalGroup.notApplied(group, moved);
    }

    /**
     * The new jobs as they stand at the end of the group: one that the group also starts (in the attempt it is created
     * in, the start that follows its submission at once) is inserted already RUNNING there, the row and its indexes written
     * once instead of inserted then updated. Such starts are taken out of {@code starts} and named in {@code started}.
     */
    private static List<JobRecord> startedWithin(List<JobRecord> creates, List<JobStore.JobStart> starts, Set<JobId> started) {
        if (starts.isEmpty()) {
            return creates;
        }
        Map<JobId, JobStore.JobStart> byJob = new HashMap<>();
        starts.forEach(start -> byJob.putIfAbsent(start.id(), start));
        List<JobRecord> rows = new ArrayList<>(creates.size());
        for (JobRecord job : creates) {
            JobStore.JobStart start = byJob.get(job.id());
            if (start == null || start.attempt() != job.attempt()) {
                rows.add(job);
                continue;
            }
            rows.add(new JobRecord(job.id(), job.spec(), job.owner(), JobState.RUNNING, job.attempt(), Optional.of(start.node()),
                    job.submittedAt(), Optional.of(start.at()), Optional.empty(), Optional.empty(), job.outputTail(), job.reason(),
                    job.earlierGpuTime()));
            starts.remove(start);
            started.add(job.id());
        }
        return rows;
    }

    private static void bindRequeue(Params p, JobId id, int attempt, String reason, Instant at) throws SQLException {
        p.text(JobState.QUEUED.name()).time(at).time(at).text(reason).text(id.toString()).number(attempt);
    }

    private static Void insertAll(Connection c, List<JobRecord> jobs) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            for (JobRecord j : jobs) {
                new Params(s).text(j.id().toString()).text(JobSpecCodec.encode(j.spec())).text(j.owner()).text(j.state().name())
                        .number(j.attempt()).optionalText(j.node().map(NodeId::value)).time(j.submittedAt())
                        .optionalTime(j.startedAt()).optionalTime(j.finishedAt()).optionalInt(j.exitCode())
                        .bytes(j.outputTail()).text(j.reason()).number(Micros.of(j.earlierGpuTime())).number(j.spec().resources().gpus());
                s.addBatch();
            }
            s.executeBatch();
        }
        return null;
    }

    private boolean isDuplicate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && db.dialect().isDuplicateKey(sql)) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getNextException() != null && db.dialect().isDuplicateKey(sql.getNextException())) {
                return true;
            }
        }
        return false;
    }

    private static void requireQueued(JobRecord job) {
        if (job.state() != JobState.QUEUED) {
            throw new IllegalArgumentException("a new job must be QUEUED, but job " + job.id() + " is " + job.state());
        }
    }
}
