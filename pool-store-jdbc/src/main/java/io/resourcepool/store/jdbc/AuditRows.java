package io.resourcepool.store.jdbc;

import io.resourcepool.api.spi.store.AuditChain;
import io.resourcepool.api.spi.store.AuditEntry;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.AuditHead;
import io.resourcepool.api.spi.store.AuditVerification;
import io.resourcepool.api.spi.store.AuditWitness;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;

/** Maps rows of {@code audit_log}, and streams them through {@link AuditChain#verify}. */
final class AuditRows {
    private AuditRows() {}

    static AuditEntry entry(ResultSet r) throws SQLException {
        AuditEvent event = new AuditEvent(Columns.time(r, "at"), r.getString("actor"), r.getString("action"), r.getString("target"),
                r.getString("source_address"), r.getString("detail"));
        return new AuditEntry(r.getLong("seq"), event, r.getString("previous_hash"), r.getString("hash"));
    }

    /**
     * Verifies rows in ascending order. A row edited so that it is no longer a valid event (a field too
     * long, say) ends the walk there and is named as changed.
     */
    static AuditVerification verify(ResultSet rows, Optional<AuditHead> head, AuditChain chain, AuditWitness witness) throws SQLException {
        RowWalk walk = new RowWalk(rows);
        try {
            AuditVerification verdict = chain.verify(walk, head, witness);
            if (walk.unreadable != null && (verdict.intact() || verdict.firstBadRow().getAsLong() >= walk.unreadableRow)) {
                return AuditVerification.broken(walk.unreadableRow - 1, walk.unreadableRow,
                        "row " + walk.unreadableRow + " was changed after it was written: " + walk.unreadable);
            }
            return verdict;
        } catch (WalkFailure e) {
            throw e.getCause();
        }
    }

    /** Walks the result set as an iterator, which may not throw checked exceptions. */
    private static final class RowWalk implements Iterator<AuditEntry> {
        private final ResultSet rows;
        private AuditEntry next;
        private boolean done;
        private String unreadable;
        private long unreadableRow;

        RowWalk(ResultSet rows) {
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                advance();
            }
            return next != null;
        }

        @Override
        public AuditEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            AuditEntry current = next;
            next = null;
            return current;
        }

        private void advance() {
            try {
                if (!rows.next()) {
                    done = true;
                    return;
                }
                next = entry(rows);
            } catch (IllegalArgumentException e) {
                done = true;
                unreadable = e.getMessage();
                unreadableRow = sequence();
            } catch (SQLException e) {
                throw new WalkFailure(e);
            }
        }

        private long sequence() {
            try {
                return rows.getLong("seq");
            } catch (SQLException e) {
                throw new WalkFailure(e);
            }
        }
    }

    private static final class WalkFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WalkFailure(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
