package io.resourcepool.store.jdbc;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeResources;
import io.resourcepool.api.spi.store.JoinToken;
import io.resourcepool.api.spi.store.NodeRecord;
import io.resourcepool.api.spi.store.NodeStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Join tokens and enrolled nodes, in the {@code join_tokens} and {@code nodes} tables. */
final class JdbcNodeStore implements NodeStore {
    private static final String TOKEN_COLUMNS = "id, token_hash, created_by, created_at, expires_at, used_at, used_by, revoked";
    private static final String NODE_COLUMNS =
            "id, hostname, certificate_serial, enrolled_at, last_heartbeat, resources, labels, drained, revoked_at";
    private static final String HEARTBEAT = "UPDATE nodes SET last_heartbeat = ?, resources = ? WHERE id = ?";

    /** Join tokens used, or expired, before a time: neither can enroll a machine any more. */
    private static final OldRows ENDED_TOKENS = new OldRows("join_tokens", "id", "(used_at < ? OR expires_at < ?)");

    private final Database db;
    private final String enrolment;

    JdbcNodeStore(Database db) {
        this.db = db;
        Dialect d = db.dialect();
        // enrolling again keeps the operator's labels and drain flag, and lifts a revocation
        this.enrolment = "INSERT INTO nodes (" + NODE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) " + d.onConflictUpdate("id")
                + " hostname = " + d.inserted("hostname") + ", certificate_serial = " + d.inserted("certificate_serial")
                + ", enrolled_at = " + d.inserted("enrolled_at") + ", last_heartbeat = " + d.inserted("last_heartbeat")
                + ", resources = " + d.inserted("resources") + ", revoked_at = NULL";
    }

    @Override
    public void createJoinToken(JoinToken t) {
        Objects.requireNonNull(t, "token must be given");
        db.update("create join token " + t.id(), "INSERT INTO join_tokens (" + TOKEN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                p -> p.text(t.id()).text(t.tokenHash()).text(t.createdBy()).time(t.createdAt()).time(t.expiresAt())
                        .optionalTime(t.usedAt()).optionalText(t.usedBy().map(NodeId::value)).flag(t.revoked()));
    }

    @Override
    public Optional<JoinToken> consumeJoinToken(String tokenHash, Instant now, NodeId node) {
        Objects.requireNonNull(now, "now must be given");
        Objects.requireNonNull(node, "node must be given");
        String spend = "UPDATE join_tokens SET used_at = ?, used_by = ? "
                + "WHERE token_hash = ? AND used_at IS NULL AND revoked = ? AND expires_at > ?";
        return db.write("spend a join token", c -> {
            try (PreparedStatement s = c.prepareStatement(spend)) {
                new Params(s).time(now).text(node.value()).text(tokenHash).flag(false).time(now);
                if (s.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            return Database.first(c.prepareStatement("SELECT " + TOKEN_COLUMNS + " FROM join_tokens WHERE token_hash = ?"),
                    p -> p.text(tokenHash), NodeRows::unusedToken);
        });
    }

    @Override
    public List<JoinToken> listJoinTokens() {
        return db.queryList("list join tokens", "SELECT " + TOKEN_COLUMNS + " FROM join_tokens ORDER BY created_at DESC, id",
                Database.Binding.NONE, NodeRows::token);
    }

    @Override
    public boolean revokeJoinToken(String id) {
        return db.update("revoke join token " + id, "UPDATE join_tokens SET revoked = ? WHERE id = ? AND revoked = ? AND used_at IS NULL",
                p -> p.flag(true).text(id).flag(false)) == 1;
    }

    @Override
    public int pruneJoinTokens(Instant endedBefore, int maxRows) {
        Objects.requireNonNull(endedBefore, "endedBefore must be given");
        return ENDED_TOKENS.deleteBatch(db, p -> p.time(endedBefore).time(endedBefore), maxRows);
    }

    @Override
    public void saveEnrolment(NodeRecord n) {
        Objects.requireNonNull(n, "node must be given");
        db.update("record the enrolment of node " + n.id(), enrolment,
                p -> p.text(n.id().value()).text(n.hostname()).text(n.certificateSerial()).time(n.enrolledAt())
                        .optionalTime(n.lastHeartbeat()).text(NodeCodec.encode(n.resources())).text(NodeCodec.encode(n.labels()))
                        .flag(n.drained()).optionalTime(n.revokedAt()));
    }

    @Override
    public Optional<NodeRecord> findNode(NodeId id) {
        return db.queryOne("find node " + id, "SELECT " + NODE_COLUMNS + " FROM nodes WHERE id = ?", p -> p.text(id.value()), NodeRows::node);
    }

    @Override
    public List<NodeRecord> listNodes() {
        return db.queryList("list nodes", "SELECT " + NODE_COLUMNS + " FROM nodes ORDER BY id", Database.Binding.NONE, NodeRows::node);
    }

    @Override
    public boolean recordHeartbeat(NodeId id, Instant at, NodeResources resources) {
        Objects.requireNonNull(at, "at must be given");
        String encoded = NodeCodec.encode(Objects.requireNonNull(resources, "resources must be given"));
        return db.update("record a heartbeat of node " + id, HEARTBEAT, p -> p.time(at).text(encoded).text(id.value())) == 1;
    }

    @Override
    public int recordHeartbeats(Map<NodeId, Heartbeat> heartbeats) {
        Map<NodeId, Heartbeat> all = Map.copyOf(Objects.requireNonNull(heartbeats, "heartbeats must be given"));
        if (all.isEmpty()) {
            return 0;
        }
        return db.write("record " + all.size() + " heartbeats", c -> {
            // Nodes are never deleted, so the ones known now are the ones the batch updates; counting them
            // first avoids relying on batch update counts, which some drivers do not report.
            Set<NodeId> known = knownAmong(c, all.keySet());
            try (PreparedStatement s = c.prepareStatement(HEARTBEAT)) {
                for (NodeId id : known) {
                    Heartbeat h = all.get(id);
                    new Params(s).time(h.at()).text(NodeCodec.encode(h.resources())).text(id.value());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return known.size();
        });
    }

    @Override
    public boolean setDrained(NodeId id, boolean drained) {
        return db.update("drain node " + id, "UPDATE nodes SET drained = ? WHERE id = ?", p -> p.flag(drained).text(id.value())) == 1;
    }

    @Override
    public boolean setLabels(NodeId id, Map<String, String> labels) {
        String encoded = NodeCodec.encode(Objects.requireNonNull(labels, "labels must be given"));
        return db.update("label node " + id, "UPDATE nodes SET labels = ? WHERE id = ?", p -> p.text(encoded).text(id.value())) == 1;
    }

    @Override
    public boolean revokeNode(NodeId id, Instant at) {
        Objects.requireNonNull(at, "at must be given");
        return db.update("revoke node " + id, "UPDATE nodes SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                p -> p.time(at).text(id.value())) == 1;
    }

    @Override
    public boolean replaceCertificate(NodeId id, String replacedSerial, String newSerial) {
        Objects.requireNonNull(replacedSerial, "replacedSerial must be given");
        Objects.requireNonNull(newSerial, "newSerial must be given");
        return db.update("renew the certificate of node " + id,
                "UPDATE nodes SET certificate_serial = ? WHERE id = ? AND certificate_serial = ? AND revoked_at IS NULL",
                p -> p.text(newSerial).text(id.value()).text(replacedSerial)) == 1;
    }

    private static Set<NodeId> knownAmong(Connection c, Set<NodeId> ids) throws SQLException {
        String marks = ids.stream().map(i -> "?").collect(Collectors.joining(", "));
        List<NodeId> found = Database.all(c.prepareStatement("SELECT id FROM nodes WHERE id IN (" + marks + ")"), p -> {
            for (NodeId id : ids) {
                p.text(id.value());
            }
        }, r -> NodeId.of(r.getString("id")));
        return Set.copyOf(found);
    }
}
