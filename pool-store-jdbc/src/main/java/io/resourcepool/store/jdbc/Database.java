package io.resourcepool.store.jdbc;

import io.resourcepool.api.StoreException;
import io.resourcepool.api.StoreUnavailableException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the facets share: the open connections, the dialect, and the turning of a {@link SQLException} into
 * a {@link StoreException} that says which step failed.
 */
final class Database {
    private static final int ROLLED_BACK_TRIES = 5;
    private final Dialect dialect;
    private volatile Connections connections;
    private volatile boolean closed;

    Database(Dialect dialect) {
        this.dialect = dialect;
    }

    Dialect dialect() {
        return dialect;
    }

    void attach(Connections open) {
        connections = open;
    }

    /** Detaches and returns the connections, for closing; later work is refused. */
    Optional<Connections> detach() {
        closed = true;
        Connections open = connections;
        connections = null;
        return Optional.ofNullable(open);
    }

    <T> T read(String what, SqlWork<T> work) {
        try {
            return open().read(work);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /**
     * Runs the work in a transaction. A transaction the database rolled back to break a deadlock or a serialization
     * conflict (SQL state class 40: MariaDB's 40001 under concurrent updates of one job, PostgreSQL's 40P01) is run
     * again, up to {@value #ROLLED_BACK_TRIES} times in all: nothing of it was kept, and the work reads what it
     * changes afresh each time.
     */
    <T> T write(String what, SqlWork<T> work) {
        for (int tries = 1;; tries++) {
            try {
                return open().write(work);
            } catch (SQLException e) {
                if (tries >= ROLLED_BACK_TRIES || !rolledBackByTheDatabase(e)) {
                    throw failure(what, e);
                }
                Thread.onSpinWait();
            }
        }
    }

    private static boolean rolledBackByTheDatabase(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }

    /** One statement that changes rows, in its own transaction. */
    int update(String what, String sql, Binding binding) {
        return write(what, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                binding.bind(new Params(s));
                return s.executeUpdate();
            }
        });
    }

    <T> Optional<T> queryOne(String what, String sql, Binding binding, RowMapper<T> mapper) {
        return read(what, c -> Database.first(c.prepareStatement(sql), binding, mapper));
    }

    <T> List<T> queryList(String what, String sql, Binding binding, RowMapper<T> mapper) {
        return read(what, c -> Database.all(c.prepareStatement(sql), binding, mapper));
    }

    static <T> Optional<T> first(PreparedStatement statement, Binding binding, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement s = statement) {
            binding.bind(new Params(s));
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(mapper.map(r)) : Optional.empty();
            }
        }
    }

    static <T> List<T> all(PreparedStatement statement, Binding binding, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement s = statement) {
            binding.bind(new Params(s));
            try (ResultSet r = s.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (r.next()) {
                    rows.add(mapper.map(r));
                }
                return rows;
            }
        }
    }

    private Connections open() {
        Connections open = connections;
        if (open == null) {
            throw new StoreException(closed ? "the store is closed" : "the store is not open; call open() first");
        }
        return open;
    }

    private StoreException failure(String what, SQLException e) {
        Optional<StoreUnavailableException> outage = Outages.of(what, e);
        if (outage.isPresent()) {
            return outage.get();
        }
        return new StoreException("the store could not " + what + ": " + e.getMessage() + " (SQL state " + e.getSQLState() + ")", e);
    }

    /** Binds a statement's parameters. */
    @FunctionalInterface
    interface Binding {
        Binding NONE = p -> {};

        void bind(Params params) throws SQLException;
    }

    /** Makes a value of the current row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }
}
