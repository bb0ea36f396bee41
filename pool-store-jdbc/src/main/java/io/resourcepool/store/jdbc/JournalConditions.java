package io.resourcepool.store.jdbc;

import io.resourcepool.api.spi.store.JournalCondition;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * A journal group's conditions, checked first in the transaction that writes it, each locking what it names until
 * that transaction ends: a lease with {@link JdbcNodeLeases#fence} (on PostgreSQL; a store on another database has one
 * hub, which holds every node), a job by its row. So whatever the group writes is written while they hold.
 */
final class JournalConditions {
    private JournalConditions() {}

    /** Whether every condition holds; the caller writes nothing of the group when one does not. */
    static boolean hold(Connection c, Dialect dialect, List<JournalCondition> conditions) throws SQLException {
        for (JournalCondition condition : conditions) {
            boolean holds = switch (condition) {
                case JournalCondition.LeaseHeld lease ->
                        !dialect.coordinatesHubs() || JdbcNodeLeases.fence(c, lease.node(), lease.hub(), lease.token());
                case JournalCondition.StillIn in -> JobTransitions.lockCurrent(c, dialect, Set.of(in.job())).stream()
                        .anyMatch(job -> job.state() == in.state() && job.attempt() == in.attempt());
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }
}
