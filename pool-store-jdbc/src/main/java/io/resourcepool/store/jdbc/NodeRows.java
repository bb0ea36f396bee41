package io.resourcepool.store.jdbc;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.JoinToken;
import io.resourcepool.api.spi.store.NodeRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Maps rows of {@code join_tokens} and {@code nodes}. */
final class NodeRows {
    private NodeRows() {}

    static JoinToken token(ResultSet r) throws SQLException {
        return new JoinToken(r.getString("id"), r.getString("token_hash"), r.getString("created_by"), Columns.time(r, "created_at"),
                Columns.time(r, "expires_at"), Columns.optionalTime(r, "used_at"),
                Columns.optionalText(r, "used_by").map(NodeId::of), r.getBoolean("revoked"));
    }

    /** The token as it was before the use just recorded. */
    static JoinToken unusedToken(ResultSet r) throws SQLException {
        JoinToken t = token(r);
        return new JoinToken(t.id(), t.tokenHash(), t.createdBy(), t.createdAt(), t.expiresAt(), Optional.empty(), Optional.empty(), t.revoked());
    }

    static NodeRecord node(ResultSet r) throws SQLException {
        String id = r.getString("id");
        return new NodeRecord(NodeId.of(id), r.getString("hostname"), r.getString("certificate_serial"), Columns.time(r, "enrolled_at"),
                Columns.optionalTime(r, "last_heartbeat"),
                NodeCodec.decodeResources(r.getString("resources"), "the resources of node " + id),
                NodeCodec.decodeLabels(r.getString("labels"), "the labels of node " + id),
                r.getBoolean("drained"), Columns.optionalTime(r, "revoked_at"));
    }
}
