package io.resourcepool.store.jdbc;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.JobRecord;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Maps rows of {@code jobs}. */
final class JobRows {
    private JobRows() {}

    static JobRecord job(ResultSet r) throws SQLException {
        String id = r.getString("id");
        return new JobRecord(JobId.parse(id), JobSpecCodec.decode(r.getString("spec"), "the spec of job " + id), r.getString("owner"),
                JobState.valueOf(r.getString("state")), r.getInt("attempt"), Columns.optionalText(r, "node").map(NodeId::of),
                Columns.time(r, "submitted_at"), Columns.optionalTime(r, "started_at"), Columns.optionalTime(r, "finished_at"),
                Columns.optionalInt(r, "exit_code"), Columns.bytes(r, "output_tail"), r.getString("reason"),
                Micros.toDuration(r.getLong("earlier_gpu_time")));
    }
}
