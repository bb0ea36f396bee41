package io.resourcepool.store.jdbc;

import io.resourcepool.api.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forward-only schema migrations: {@code migration/<dialect>/V1.sql}, {@code V2.sql}, … on the class path
 * next to the dialect's class (so a dialect in its own module, like SQLite's, brings its own), numbered without
 * gaps. At open, every migration newer than the database's version runs in order
 * and is recorded in {@code schema_version}; a database whose version is newer than the newest migration
 * this code knows is refused, because this code would misread it.
 */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final String FOLDER = "migration/";

    private final Dialect dialect;
    private final InstantSource clock;
    private final List<Migration> known;

    Migrations(Dialect dialect, InstantSource clock) {
        this.dialect = dialect;
        this.clock = clock;
        this.known = load(dialect);
    }

    /** The newest schema version this code knows. */
    int latest() {
        return known.size();
    }

    /**
     * Brings the schema up to date.
     *
     * @param connections the open connections
     * @return the version the database is at now
     * @throws SQLException when a migration fails
     * @throws StoreException when the database's schema is newer than this code
     */
    int apply(Connections connections) throws SQLException {
        return connections.write(c -> {
            dialect.lockMigrations(c);
            try {
                return migrate(c);
            } finally {
                dialect.unlockMigrations(c);
            }
        });
    }

    private int migrate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL)");
        }
        int current = currentVersion(c);
        if (current > latest()) {
            throw new StoreException("the database schema is version " + current + " but this ResourcePool knows up to " + latest()
                    + "; upgrade ResourcePool or point it at another database");
        }
        for (Migration m : known.subList(current, known.size())) {
            run(c, m);
        }
        return latest();
    }

    private void run(Connection c, Migration m) throws SQLException {
        LOG.info("migrating the {} store schema to version {}", dialect.name(), m.version());
        try (Statement s = c.createStatement()) {
            for (String sql : m.statements()) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            String partial = dialect.transactionalSchemaChanges() ? "" : "; " + dialect.name()
                    + " cannot undo schema changes, so the database may hold part of it: restore a backup or drop the new tables";
            throw new SQLException("migration to schema version " + m.version() + " failed: " + e.getMessage() + partial, e.getSQLState(), e);
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")) {
            s.setInt(1, m.version());
            s.setLong(2, Micros.of(clock.instant()));
            s.executeUpdate();
        }
    }

    private static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static List<Migration> load(Dialect dialect) {
        List<Migration> found = new ArrayList<>();
        for (int version = 1; ; version++) {
            String name = FOLDER + dialect.name() + "/V" + version + ".sql";
            try (InputStream in = dialect.getClass().getResourceAsStream(name)) {
                if (in == null) {
                    return List.copyOf(found);
                }
                found.add(new Migration(version, statements(new String(in.readAllBytes(), StandardCharsets.UTF_8))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the store migration " + name + " beside " + dialect.getClass().getName() + " from the class path", e);
            }
        }
    }

    /** Splits a script at the semicolons that end a line, leaving out comment lines. */
    static List<String> statements(String script) {
        String code = script.lines().filter(line -> !line.strip().startsWith("--")).reduce("", (a, b) -> a + b + "\n");
        return Arrays.stream(code.split(";\\s*(\\n|$)")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    record Migration(int version, List<String> statements) {}
}
