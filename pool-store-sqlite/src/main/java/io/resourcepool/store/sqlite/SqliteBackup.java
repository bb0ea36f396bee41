package io.resourcepool.store.sqlite;

import io.resourcepool.api.StoreException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import org.sqlite.SQLiteConfig;

/**
 * An online, consistent copy of a SQLite store, taken while a hub serves from it: {@code VACUUM INTO} reads the
 * database in one read transaction (in WAL mode the hub's writer carries on meanwhile) and writes a compact copy as
 * of that instant. The copy is made under a {@code .partial} name, readable by its owner only (0600: it holds
 * password hashes and sealed job variables), checked ({@code PRAGMA quick_check}), and only then renamed to the
 * name asked for, so a file by that name is always a whole backup. An existing file is never overwritten.
 */
public final class SqliteBackup {
    private SqliteBackup() {}

    /**
     * What a backup holds, for the operator; no secret.
     *
     * @param file the backup
     * @param schemaVersion the schema version of the copy
     * @param users how many users it holds
     * @param jobs how many jobs
     * @param auditRows how many audit rows
     * @param bytes its size
     */
    public record Summary(Path file, int schemaVersion, long users, long jobs, long auditRows, long bytes) {
        /** Checks the figures. */
        public Summary {
            Objects.requireNonNull(file, "file must be given");
        }
    }

    /**
     * Copies a store.
     *
     * @param database the store's file, which a hub may be serving from
     * @param target where the copy goes; must not exist, its directory must
     * @param busyTimeout how long to wait for a lock the hub holds (a checkpoint) before giving up
     * @return what the copy holds
     * @throws StoreException when there is no store, the target exists, or the copy fails; nothing is left behind
     */
    public static Summary copy(Path database, Path target, Duration busyTimeout) {
        if (!Files.isRegularFile(database)) {
            throw new StoreException("there is no SQLite store at " + database + ": check hub.data-dir and store.file");
        }
        if (Files.exists(target)) {
            throw new StoreException(target + " already exists: a backup never overwrites a file; give a new name");
        }
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw new StoreException(partial + " exists: another backup to " + target + " is running, or one failed; remove it", e);
        } catch (IOException e) {
            throw new StoreException("cannot create the backup " + partial + ": " + e.getMessage(), e);
        }
        try {
            vacuumInto(database, partial, busyTimeout);
            Summary summary = summarise(partial, target);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return summary;
        } catch (SQLException | IOException | RuntimeException e) {
            deleteQuietly(partial);
            throw e instanceof StoreException s ? s
                    : new StoreException("the backup of " + database + " to " + target + " failed: " + e.getMessage(), e);
        }
    }

    private static void vacuumInto(Path database, Path partial, Duration busyTimeout) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath(), config.toProperties());
                PreparedStatement s = c.prepareStatement("VACUUM INTO ?")) {
            s.setString(1, partial.toAbsolutePath().toString());
            s.executeUpdate();
        }
    }

    private static Summary summarise(Path copy, Path target) throws SQLException, IOException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy.toAbsolutePath(), config.toProperties());
                Statement s = c.createStatement()) {
            String check = text(s, "PRAGMA quick_check");
            if (!check.equals("ok")) {
                throw new StoreException("the backup copy failed SQLite's check (" + check + "); the store itself may be damaged:"
                        + " run PRAGMA integrity_check on it");
            }
            return new Summary(target, (int) number(s, "SELECT MAX(version) FROM schema_version"), number(s, "SELECT COUNT(*) FROM users"),
                    number(s, "SELECT COUNT(*) FROM jobs"), number(s, "SELECT COUNT(*) FROM audit_log"), Files.size(copy));
        }
    }

    private static String text(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : "";
        }
    }

    private static long number(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the failure being reported matters more; the .partial name says what the file is
        }
    }
}
