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

    <T> T write(String what, SqlWork<T> work) {
        try {
            return open().write(work);
        } catch (SQLException e) {
            throw failure(what, e);
        }
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
