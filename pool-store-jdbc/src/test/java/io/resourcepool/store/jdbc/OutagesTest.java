package io.resourcepool.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class OutagesTest {
    @Test
    void aRefusedConnectionIsAnOutageSayingSo() {
        SQLException refused = new SQLTransientConnectionException("resourcepool-store - Connection is not available, request timed out after 2000ms",
                null, new SQLException("Connection to 127.0.0.1:5432 refused", "08001", new ConnectException("Connection refused")));
        assertThat(Outages.of("read a session", refused)).hasValueSatisfying(e -> assertThat(e)
                .hasMessage("the store could not read a session: the database is unreachable (connection refused); retry once it is back"));
    }

    @Test
    void aSilentServerIsAnOutage() {
        SQLException silent = new SQLException("An I/O error occurred while sending to the backend.", "08006", new SocketTimeoutException("Read timed out"));
        assertThat(Outages.of("finish 1 jobs", silent)).hasValueSatisfying(e -> assertThat(e).hasMessageContaining("(no answer in time)"));
    }

    @Test
    void aBrokenConnectionIsAnOutageByItsSqlState() {
        assertThat(Outages.of("record 1 heartbeats", new SQLException("This connection has been closed.", "08003")))
                .hasValueSatisfying(e -> assertThat(e).hasMessageContaining("(connection lost, SQL state 08003)"));
    }

    @Test
    void aStatementThatFailedIsNoOutage() {
        assertThat(Outages.of("create a user", new SQLException("duplicate key value violates unique constraint", "23505"))).isEmpty();
        assertThat(Outages.of("create a user", new SQLException("no state"))).isEmpty();
    }
}
