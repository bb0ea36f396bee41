package io.resourcepool.store.jdbc;

import io.resourcepool.api.Bytes;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

/** Binds a statement's parameters in order, with the store's column conventions (times as epoch microseconds). */
final class Params {
    private final PreparedStatement statement;
    private int index;

    Params(PreparedStatement statement) {
        this.statement = statement;
    }

    Params text(String value) throws SQLException {
        statement.setString(++index, value);
        return this;
    }

    Params optionalText(Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            return text(value.get());
        }
        statement.setNull(++index, Types.VARCHAR);
        return this;
    }

    Params number(long value) throws SQLException {
        statement.setLong(++index, value);
        return this;
    }

    Params optionalInt(Optional<Integer> value) throws SQLException {
        if (value.isPresent()) {
            statement.setInt(++index, value.get());
        } else {
            statement.setNull(++index, Types.INTEGER);
        }
        return this;
    }

    Params flag(boolean value) throws SQLException {
        statement.setBoolean(++index, value);
        return this;
    }

    Params time(Instant value) throws SQLException {
        return number(Micros.of(value));
    }

    Params optionalTime(Optional<Instant> value) throws SQLException {
        if (value.isPresent()) {
            return time(value.get());
        }
        statement.setNull(++index, Types.BIGINT);
        return this;
    }

    Params bytes(Bytes value) throws SQLException {
        statement.setBytes(++index, value.toByteArray());
        return this;
    }
}
