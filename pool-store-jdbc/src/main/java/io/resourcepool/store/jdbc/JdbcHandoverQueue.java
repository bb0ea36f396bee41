package io.resourcepool.store.jdbc;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.HubId;
import io.resourcepool.api.spi.store.HandoverMessage;
import io.resourcepool.api.spi.store.HandoverQueue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The handover queue in the {@code hub_handover} table (PostgreSQL). A message is a row; sending it notifies the
 * schema's handover channel with the hub's name, in the same transaction, so the hub is woken only once the row is
 * there to take. Taking deletes rows locked with {@code FOR UPDATE SKIP LOCKED}, so concurrent takers never wait for
 * each other and never take one row twice.
 */
final class JdbcHandoverQueue implements HandoverQueue {
    /** The most messages one take may return. */
    static final int MAX_TAKE = 10_000;
    private static final String COLUMNS = "id, to_hub, kind, payload, sent_at";
    private static final String SEND = "INSERT INTO hub_handover (to_hub, kind, payload, sent_at) VALUES (?, ?, ?, " + PostgresClock.NOW
            + ") RETURNING " + COLUMNS;
    private static final String TAKE = "DELETE FROM hub_handover WHERE id IN (SELECT id FROM hub_handover WHERE to_hub = ? ORDER BY id LIMIT ?"
            + " FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS;
    private static final String REASSIGN = "UPDATE hub_handover SET to_hub = ? WHERE to_hub = ?"
            + " AND NOT EXISTS (SELECT 1 FROM hubs WHERE hub_id = ? AND lease_until > " + PostgresClock.NOW + ")";
    private static final String NOTIFY = "SELECT pg_notify(" + PostgresListener.HANDOVER_CHANNEL + ", ?)";

    private final Database db;
    private final PostgresListener listener;

    JdbcHandoverQueue(Database db, PostgresListener listener) {
        this.db = db;
        this.listener = listener;
    }

    @Override
    public HandoverMessage send(HubId to, String kind, Bytes payload) {
        Objects.requireNonNull(to, "to must be given");
        HandoverMessage.requireKind(kind);
        HandoverMessage.requirePayload(payload);
        return db.write("send a handover message to hub " + to, c -> {
            HandoverMessage sent = Database.first(c.prepareStatement(SEND), p -> p.text(to.value()).text(kind).bytes(payload),
                    JdbcHandoverQueue::message).orElseThrow();
            notify(c, to);
            return sent;
        });
    }

    @Override
    public List<HandoverMessage> take(HubId hub, int max) {
        Objects.requireNonNull(hub, "hub must be given");
        if (max < 1 || max > MAX_TAKE) {
            throw new IllegalArgumentException("max must be between 1 and " + MAX_TAKE + ", was " + max);
        }
        List<HandoverMessage> taken = db.write("take the handover messages of hub " + hub,
                c -> Database.all(c.prepareStatement(TAKE), p -> p.text(hub.value()).number(max), JdbcHandoverQueue::message));
        // RETURNING gives the rows in no promised order
        return taken.stream().sorted(Comparator.comparingLong(HandoverMessage::sequence)).toList();
    }

    @Override
    public boolean await(HubId hub, Duration timeout) {
        Objects.requireNonNull(hub, "hub must be given");
        Objects.requireNonNull(timeout, "timeout must be given");
        return listener.awaitHub(hub, timeout);
    }

    @Override
    public int reassign(HubId from, HubId to) {
        Objects.requireNonNull(from, "from must be given");
        Objects.requireNonNull(to, "to must be given");
        if (from.equals(to)) {
            throw new IllegalArgumentException("a hub cannot take over its own messages: from and to are both " + from);
        }
        return db.write("give the handover messages of hub " + from + " to hub " + to, c -> {
            int moved;
            try (PreparedStatement s = c.prepareStatement(REASSIGN)) {
                new Params(s).text(to.value()).text(from.value()).text(from.value());
                moved = s.executeUpdate();
            }
            if (moved > 0) {
                notify(c, to);
            }
            return moved;
        });
    }

    private static void notify(Connection c, HubId to) throws SQLException {
        Database.first(c.prepareStatement(NOTIFY), p -> p.text(to.value()), r -> true);
    }

    private static HandoverMessage message(ResultSet r) throws SQLException {
        return new HandoverMessage(r.getLong("id"), HubId.of(r.getString("to_hub")), r.getString("kind"), Columns.bytes(r, "payload"),
                Columns.time(r, "sent_at"));
    }
}
