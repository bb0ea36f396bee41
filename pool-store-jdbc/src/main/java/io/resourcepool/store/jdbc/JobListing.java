package io.resourcepool.store.jdbc;

import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.JobQuery;
import io.resourcepool.api.spi.store.JobRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Lists jobs newest first, with only the filters the query sets in the WHERE clause. */
final class JobListing {
    private JobListing() {}

    static List<JobRecord> list(Database db, JobQuery query) {
        Objects.requireNonNull(query, "query must be given");
        List<String> conditions = new ArrayList<>();
        List<String> values = new ArrayList<>();
        query.state().ifPresent(s -> add(conditions, values, "state = ?", s.name()));
        query.node().map(NodeId::value).ifPresent(n -> add(conditions, values, "node = ?", n));
        query.owner().ifPresent(o -> add(conditions, values, "owner = ?", o));
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        String sql = "SELECT " + JdbcJobStore.COLUMNS + " FROM jobs" + where + " ORDER BY submitted_at DESC, id LIMIT ?";
        return db.queryList("list jobs", sql, p -> {
            for (String v : values) {
                p.text(v);
            }
            p.number(query.limit());
        }, JobRows::job);
    }

    static List<JobRecord> unfinished(Database db) {
        String sql = "SELECT " + JdbcJobStore.COLUMNS + " FROM jobs WHERE state IN (?, ?) ORDER BY submitted_at, id";
        return db.queryList("list unfinished jobs", sql, p -> p.text(JobState.QUEUED.name()).text(JobState.RUNNING.name()), JobRows::job);
    }

    private static void add(List<String> conditions, List<String> values, String condition, String value) {
        conditions.add(condition);
        values.add(value);
    }
}
