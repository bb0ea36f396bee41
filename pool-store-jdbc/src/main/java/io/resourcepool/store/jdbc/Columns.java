package io.resourcepool.store.jdbc;

import io.resourcepool.api.Bytes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Reads columns of the current row with the store's conventions. */
final class Columns {
    private Columns() {}

    static Instant time(ResultSet row, String column) throws SQLException {
        return Micros.toInstant(row.getLong(column));
    }

    static Optional<Instant> optionalTime(ResultSet row, String column) throws SQLException {
        long micros = row.getLong(column);
        return Micros.toInstant(micros, row.wasNull());
    }

    static Optional<String> optionalText(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getString(column));
    }

    static Optional<Integer> optionalInt(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? Optional.empty() : Optional.of(value);
    }

    static Bytes bytes(ResultSet row, String column) throws SQLException {
        byte[] value = row.getBytes(column);
        return value == null ? Bytes.EMPTY : Bytes.adopt(value);
    }
}
