package io.resourcepool.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.StoreException;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A transaction the database rolled back to break a deadlock is run again; any other failure is not. */
class RolledBackTransactionsTest {
    private final AtomicInteger tries = new AtomicInteger();

    private Database failingFirst(int failures, SQLException failure) {
        Database db = new Database(new MariaDbDialect());
        db.attach(new Connections() {
            @Override
            public <T> T read(SqlWork<T> work) throws SQLException {
                return work.run(null);
            }

            @Override
            public <T> T write(SqlWork<T> work) throws SQLException {
                if (tries.incrementAndGet() <= failures) {
                    throw failure;
                }
                return work.run(null);
            }

            @Override
            public void close() {}
        });
        return db;
    }

    @Test
    void deadlockVictimIsRunAgainUntilItCommits() {
        Database db = failingFirst(2, new SQLTransactionRollbackException("Deadlock found when trying to get lock", "40001"));

        String result = db.write("requeue a job", c -> "done");

        assertThat(result).isEqualTo("done");
        assertThat(tries).hasValue(3);
    }

    @Test
    void deadlockThatKeepsComingIsReportedAfterFiveTries() {
        Database db = failingFirst(100, new SQLTransactionRollbackException("deadlock detected", "40P01"));

        assertThatThrownBy(() -> db.write("requeue a job", c -> "done")).isInstanceOf(StoreException.class)
                .hasMessageContaining("could not requeue a job").hasMessageContaining("40P01");
        assertThat(tries).hasValue(5);
    }

    @Test
    void otherFailuresAreNotRunAgain() {
        Database db = failingFirst(1, new SQLException("duplicate key", "23505"));

        assertThatThrownBy(() -> db.write("store a job", c -> "done")).isInstanceOf(StoreException.class);
        assertThat(tries).hasValue(1);
    }
}
