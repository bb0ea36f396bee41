package io.resourcepool.store.jdbc;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.spi.store.JobOutcome;
import io.resourcepool.api.spi.store.JobStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SQL of the job state machine: the states a move may start from come from
 * {@link JobState#canMoveTo}, so the database and the API can never disagree about what is allowed.
 */
final class JobTransitions {
    private JobTransitions() {}

    /** The states from which a job may move to {@code target}. */
    static Set<JobState> fromStates(JobState target) {
        Set<JobState> from = EnumSet.noneOf(JobState.class);
        for (JobState s : JobState.values()) {
            if (s.canMoveTo(target)) {
                from.add(s);
            }
        }
        return from;
    }

    /** {@code " AND state IN ('QUEUED', …)"}: enum names only, so writing them into the SQL is safe. */
    static String fromStatesCondition(JobState target) {
        return " AND state IN (" + fromStates(target).stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ")) + ")";
    }

    static String finishSql(JobState target) {
        return "UPDATE jobs SET state = ?, finished_at = ?, exit_code = ?, output_tail = ?, reason = ? WHERE id = ? AND attempt = ?"
                + fromStatesCondition(target);
    }

    static void bindFinish(Params p, JobId id, JobOutcome o) throws SQLException {
        p.text(o.state().name()).time(o.at()).optionalInt(o.exitCode()).bytes(o.outputTail()).text(o.reason())
                .text(id.toString()).number(o.attempt());
    }

    /**
     * Finishes a batch in the caller's transaction: reads and locks the jobs' current states, then updates
     * those that may move, so the result does not depend on batch update counts, which some drivers leave out.
     * A single job is updated with one statement whose own count (not a batch's) answers.
     */
    static Set<JobId> finishAll(Connection c, Dialect dialect, Map<JobId, JobOutcome> outcomes) throws SQLException {
        if (outcomes.size() == 1) {
            Map.Entry<JobId, JobOutcome> only = outcomes.entrySet().iterator().next();
            try (PreparedStatement s = c.prepareStatement(finishSql(only.getValue().state()))) {
                bindFinish(new Params(s), only.getKey(), only.getValue());
                return s.executeUpdate() == 1 ? Set.of(only.getKey()) : Set.of();
            }
        }
        Set<JobId> moving = new HashSet<>();
        for (Current job : lockCurrent(c, dialect, outcomes.keySet())) {
            JobOutcome o = outcomes.get(job.id());
            if (job.attempt() == o.attempt() && job.state().canMoveTo(o.state())) {
                moving.add(job.id());
            }
        }
        for (JobState target : JobState.values()) {
            if (target.isFinal()) {
                updateBatch(c, target, moving, outcomes);
            }
        }
        return Set.copyOf(moving);
    }

    /** Starts the jobs that are QUEUED at the attempt named; the rows are locked first, so the answer is exact. */
    static Set<JobId> startAll(Connection c, Dialect dialect, List<JobStore.JobStart> starts, String startSql) throws SQLException {
        Map<JobId, JobStore.JobStart> byId = new java.util.LinkedHashMap<>();
        starts.forEach(s -> byId.put(s.id(), s));
        List<JobStore.JobStart> moving = new java.util.ArrayList<>();
        for (Current job : lockCurrent(c, dialect, byId.keySet())) {
            JobStore.JobStart start = byId.get(job.id());
            if (job.attempt() == start.attempt() && job.state().canMoveTo(JobState.RUNNING)) {
                moving.add(start);
            }
        }
        if (!moving.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement(startSql)) {
                for (JobStore.JobStart start : moving) {
                    new Params(s).text(JobState.RUNNING.name()).text(start.node().value()).time(start.at()).text(start.id().toString())
                            .number(start.attempt());
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
        return moving.stream().map(JobStore.JobStart::id).collect(Collectors.toUnmodifiableSet());
    }

    /** Reads and locks the jobs' rows until the caller's transaction ends. */
    static List<Current> lockCurrent(Connection c, Dialect dialect, Set<JobId> jobs) throws SQLException {
        List<JobId> ids = List.copyOf(jobs);
        String marks = ids.stream().map(i -> "?").collect(Collectors.joining(", "));
        return Database.all(
                c.prepareStatement("SELECT id, state, attempt FROM jobs WHERE id IN (" + marks + ") ORDER BY id" + dialect.forUpdate()),
                p -> {
                    for (JobId id : ids) {
                        p.text(id.toString());
                    }
                },
                r -> new Current(JobId.parse(r.getString("id")), JobState.valueOf(r.getString("state")), r.getInt("attempt")));
    }

    private static void updateBatch(Connection c, JobState target, Set<JobId> moving, Map<JobId, JobOutcome> outcomes) throws SQLException {
        List<JobId> these = moving.stream().filter(id -> outcomes.get(id).state() == target).toList();
        if (these.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(finishSql(target))) {
            for (JobId id : these) {
                bindFinish(new Params(s), id, outcomes.get(id));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    record Current(JobId id, JobState state, int attempt) {}
}
