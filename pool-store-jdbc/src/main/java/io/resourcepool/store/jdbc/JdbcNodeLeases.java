package io.resourcepool.store.jdbc;

import io.resourcepool.api.HubId;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.FencingToken;
import io.resourcepool.api.spi.store.NodeLease;
import io.resourcepool.api.spi.store.NodeLeases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Node leases in the {@code node_leases} table (PostgreSQL). Tokens come from the sequence {@code node_lease_tokens},
 * so they grow and are never given twice, whichever node they are for; a renewal by the holder keeps its token.
 * Every lease is measured by the database's clock.
 */
final class JdbcNodeLeases implements NodeLeases {
    private static final String NOW = PostgresClock.NOW;
    private static final String COLUMNS = "node_id, hub_id, token, lease_until";
    /** Taken when free (no row), run out, or already this hub's; a conflicting live lease leaves no row to return. */
    private static final String ACQUIRE = "INSERT INTO node_leases (" + COLUMNS + ") VALUES (?, ?, nextval('node_lease_tokens'), " + NOW + " + ?) "
            + "ON CONFLICT (node_id) DO UPDATE SET "
            + "token = CASE WHEN node_leases.hub_id = excluded.hub_id THEN node_leases.token ELSE excluded.token END, "
            + "hub_id = excluded.hub_id, lease_until = excluded.lease_until "
            + "WHERE node_leases.hub_id = excluded.hub_id OR node_leases.lease_until <= " + NOW + " RETURNING " + COLUMNS;
    private static final String HOLDS = "SELECT 1 FROM node_leases WHERE node_id = ? AND hub_id = ? AND token = ? AND lease_until > " + NOW;

    private final Database db;

    JdbcNodeLeases(Database db) {
        this.db = db;
    }

    /**
     * Fences a write inside the caller's own transaction: says whether the hub still holds the node under the token,
     * and if it does, locks the lease row ({@code FOR SHARE}) so that no other hub can take the node until the
     * caller's transaction ends. Call it first in a transaction that acts on the node, and roll back on {@code false}:
     * whatever the transaction writes then happens while the lease is the caller's, and a hub that was paused past its
     * lease writes nothing.
     *
     * @param connection the caller's connection, in a transaction, on a PostgreSQL store of schema version 6 or later
     * @param node the node
     * @param hub the hub
     * @param token the token it was acquired under
     * @return true when the hub holds the lease, now locked until the transaction ends
     * @throws SQLException when the database fails
     */
    static boolean fence(Connection connection, NodeId node, HubId hub, FencingToken token) throws SQLException {
        return Database.first(connection.prepareStatement(HOLDS + " FOR SHARE"), p -> p.text(node.value()).text(hub.value()).number(token.value()),
                r -> true).isPresent();
    }

    @Override
    public Optional<NodeLease> acquire(NodeId node, HubId hub, Duration ttl) {
        Objects.requireNonNull(node, "node must be given");
        Objects.requireNonNull(hub, "hub must be given");
        long micros = PostgresClock.ttl(ttl);
        return db.write("lease node " + node + " to hub " + hub, c -> Database.first(c.prepareStatement(ACQUIRE),
                p -> p.text(node.value()).text(hub.value()).number(micros), JdbcNodeLeases::lease));
    }

    @Override
    public int renewAll(HubId hub, Duration ttl) {
        Objects.requireNonNull(hub, "hub must be given");
        long micros = PostgresClock.ttl(ttl);
        return db.update("renew the node leases of hub " + hub,
                "UPDATE node_leases SET lease_until = " + NOW + " + ? WHERE hub_id = ? AND lease_until > " + NOW,
                p -> p.number(micros).text(hub.value()));
    }

    @Override
    public boolean release(NodeId node, HubId hub, FencingToken token) {
        requireAll(node, hub, token);
        return db.update("release node " + node + " by hub " + hub, "DELETE FROM node_leases WHERE node_id = ? AND hub_id = ? AND token = ?",
                p -> p.text(node.value()).text(hub.value()).number(token.value())) == 1;
    }

    @Override
    public Optional<NodeLease> holder(NodeId node) {
        Objects.requireNonNull(node, "node must be given");
        return db.queryOne("find the holder of node " + node,
                "SELECT " + COLUMNS + " FROM node_leases WHERE node_id = ? AND lease_until > " + NOW, p -> p.text(node.value()),
                JdbcNodeLeases::lease);
    }

    @Override
    public List<NodeLease> heldBy(HubId hub) {
        Objects.requireNonNull(hub, "hub must be given");
        return db.queryList("list the node leases of hub " + hub,
                "SELECT " + COLUMNS + " FROM node_leases WHERE hub_id = ? AND lease_until > " + NOW, p -> p.text(hub.value()),
                JdbcNodeLeases::lease);
    }

    @Override
    public boolean stillHolds(NodeId node, HubId hub, FencingToken token) {
        requireAll(node, hub, token);
        return db.queryOne("check the lease of node " + node, HOLDS, p -> p.text(node.value()).text(hub.value()).number(token.value()),
                r -> true).isPresent();
    }

    private static void requireAll(NodeId node, HubId hub, FencingToken token) {
        Objects.requireNonNull(node, "node must be given");
        Objects.requireNonNull(hub, "hub must be given");
        Objects.requireNonNull(token, "token must be given");
    }

    private static NodeLease lease(ResultSet r) throws SQLException {
        return new NodeLease(NodeId.of(r.getString("node_id")), HubId.of(r.getString("hub_id")), new FencingToken(r.getLong("token")),
                Columns.time(r, "lease_until"));
    }
}
