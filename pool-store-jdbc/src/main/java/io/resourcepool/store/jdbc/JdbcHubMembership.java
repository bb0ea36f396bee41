package io.resourcepool.store.jdbc;

import io.resourcepool.api.HubId;
import io.resourcepool.api.spi.store.HubMember;
import io.resourcepool.api.spi.store.HubMembership;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Hub membership in the {@code hubs} table (PostgreSQL), leases by the database's clock. */
final class JdbcHubMembership implements HubMembership {
    private static final String NOW = PostgresClock.NOW;
    private static final String ANNOUNCE = "INSERT INTO hubs (hub_id, client_address, lease_until) VALUES (?, ?, " + NOW + " + ?) "
            + "ON CONFLICT (hub_id) DO UPDATE SET client_address = excluded.client_address, lease_until = excluded.lease_until "
            + "RETURNING hub_id, client_address, lease_until";

    private final Database db;

    JdbcHubMembership(Database db) {
        this.db = db;
    }

    @Override
    public HubMember announce(HubId hub, String clientAddress, Duration ttl) {
        Objects.requireNonNull(hub, "hub must be given");
        HubMember.requireAddress(clientAddress);
        long micros = PostgresClock.ttl(ttl);
        return db.write("announce hub " + hub, c -> Database.first(c.prepareStatement(ANNOUNCE),
                p -> p.text(hub.value()).text(clientAddress).number(micros), JdbcHubMembership::member)).orElseThrow();
    }

    @Override
    public boolean renew(HubId hub, Duration ttl) {
        Objects.requireNonNull(hub, "hub must be given");
        long micros = PostgresClock.ttl(ttl);
        return db.update("renew the lease of hub " + hub,
                "UPDATE hubs SET lease_until = " + NOW + " + ? WHERE hub_id = ? AND lease_until > " + NOW,
                p -> p.number(micros).text(hub.value())) == 1;
    }

    @Override
    public List<HubMember> live() {
        return db.queryList("list the live hubs",
                "SELECT hub_id, client_address, lease_until FROM hubs WHERE lease_until > " + NOW + " ORDER BY hub_id",
                Database.Binding.NONE, JdbcHubMembership::member);
    }

    @Override
    public boolean leave(HubId hub) {
        Objects.requireNonNull(hub, "hub must be given");
        return db.update("remove hub " + hub, "DELETE FROM hubs WHERE hub_id = ?", p -> p.text(hub.value())) == 1;
    }

    private static HubMember member(ResultSet r) throws SQLException {
        return new HubMember(HubId.of(r.getString("hub_id")), r.getString("client_address"), Columns.time(r, "lease_until"));
    }
}
