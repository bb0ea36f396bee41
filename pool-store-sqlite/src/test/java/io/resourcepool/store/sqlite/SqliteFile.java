package io.resourcepool.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A store file opened by hand, outside the store, as an operator or an intruder with the sqlite3 shell would. */
record SqliteFile(Path file) {
    /** The first column of the first row of a query. */
    String query(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : "";
        } catch (SQLException e) {
            throw new IllegalStateException("SQL by hand on " + file + " failed: " + e.getMessage(), e);
        }
    }

    void execute(String... statements) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL by hand on " + file + " failed: " + e.getMessage(), e);
        }
    }
}
