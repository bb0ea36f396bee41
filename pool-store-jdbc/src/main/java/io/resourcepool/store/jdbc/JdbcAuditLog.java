package io.resourcepool.store.jdbc;

import io.resourcepool.api.spi.store.AuditChain;
import io.resourcepool.api.spi.store.AuditEntry;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.AuditHead;
import io.resourcepool.api.spi.store.AuditLog;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.api.spi.store.AuditVerification;
import io.resourcepool.api.spi.store.AuditWitness;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The audit log, in {@code audit_log}, with the last row's number and hash in the one-row {@code audit_head}.
 * Appends lock the head row, so they are numbered without gaps in commit order (SQLite's single writer does
 * the same), and the head is updated in the same transaction as the row.
 */
final class JdbcAuditLog implements AuditLog {
    static final String COLUMNS = "seq, at, actor, action, target, source_address, detail, previous_hash, hash";

    private final Database db;
    private volatile AuditChain chain = AuditChain.unkeyed();

    JdbcAuditLog(Database db) {
        this.db = db;
    }

    @Override
    public AuditEntry append(AuditEvent event) {
        return appendAll(List.of(Objects.requireNonNull(event, "event must be given"))).getFirst();
    }

    @Override
    public List<AuditEntry> appendAll(List<AuditEvent> events) {
        List<AuditEvent> all = List.copyOf(Objects.requireNonNull(events, "events must be given"));
        if (all.isEmpty()) {
            return List.of();
        }
        return db.write(all.size() == 1 ? "append to the audit log" : "append " + all.size() + " rows to the audit log", c -> appendAll(c, all));
    }

    /** Appends in the caller's transaction, which commits the rows and the head together with whatever else it holds. */
    List<AuditEntry> appendAll(Connection c, List<AuditEvent> events) throws SQLException {
        AuditHead head = head(c, db.dialect().forUpdate());
        List<AuditEntry> written = new ArrayList<>(events.size());
        for (AuditEvent event : events) {
            // the hash covers the time as it will read back, to the microsecond
            AuditEvent kept = new AuditEvent(Micros.kept(event.at()), event.actor(), event.action(), event.target(), event.sourceAddress(),
                    event.detail());
            long sequence = head.sequence() + 1;
            AuditEntry entry = new AuditEntry(sequence, kept, head.hash(), chain.hash(sequence, kept, head.hash()));
            written.add(entry);
            head = new AuditHead(sequence, entry.hash());
        }
        insertAll(c, written);
        try (PreparedStatement s = c.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
            new Params(s).number(head.sequence()).text(head.hash());
            s.executeUpdate();
        }
        return written;
    }

    @Override
    public List<AuditEntry> list(AuditQuery query) {
        Objects.requireNonNull(query, "query must be given");
        Dialect d = db.dialect();
        List<String> conditions = new ArrayList<>();
        query.actor().ifPresent(a -> conditions.add("actor = ?"));
        query.actionPrefix().ifPresent(a -> conditions.add(d.startsWith("action")));
        query.since().ifPresent(s -> conditions.add("at >= ?"));
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return db.queryList("list the audit log", "SELECT " + COLUMNS + " FROM audit_log" + where + " ORDER BY seq DESC LIMIT ?", p -> {
            if (query.actor().isPresent()) {
                p.text(query.actor().get());
            }
            if (query.actionPrefix().isPresent()) {
                p.text(d.prefixArgument(query.actionPrefix().get()));
            }
            if (query.since().isPresent()) {
                p.time(query.since().get());
            }
            p.number(query.limit());
        }, AuditRows::entry);
    }

    @Override
    public void useChain(AuditChain newChain) {
        this.chain = Objects.requireNonNull(newChain, "chain must be given");
    }

    @Override
    public AuditVerification verify(AuditWitness witness) {
        Objects.requireNonNull(witness, "witness must be given");
        AuditChain checking = chain;
        return db.read("verify the audit log", c -> {
            c.setTransactionIsolation(db.dialect().snapshotIsolation());
            AuditHead head = head(c, "");
            Optional<AuditHead> recorded = head.sequence() == 0 ? Optional.empty() : Optional.of(head);
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_log ORDER BY seq")) {
                s.setFetchSize(1_000);
                try (ResultSet rows = s.executeQuery()) {
                    return AuditRows.verify(rows, recorded, checking, witness);
                }
            }
        });
    }

    private static AuditHead head(Connection c, String lock) throws SQLException {
        return Database.first(c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1" + lock), Database.Binding.NONE,
                r -> new AuditHead(r.getLong("seq"), r.getString("hash")))
                .orElseThrow(() -> new SQLException("the audit_head table has no row; the audit log's head was removed by hand"));
    }

    private static void insertAll(Connection c, List<AuditEntry> entries) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AuditEntry e : entries) {
                AuditEvent v = e.event();
                new Params(s).number(e.sequence()).time(v.at()).text(v.actor()).text(v.action()).text(v.target()).text(v.sourceAddress())
                        .text(v.detail()).text(e.previousHash()).text(e.hash());
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
