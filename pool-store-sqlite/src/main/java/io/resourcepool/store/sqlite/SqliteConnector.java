package io.resourcepool.store.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;
import io.resourcepool.api.StoreException;
import io.resourcepool.store.jdbc.Connections;
import io.resourcepool.store.jdbc.Connector;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens the SQLite file with the store's pragmas: WAL journal, {@code synchronous=NORMAL}, foreign keys on,
 * a busy timeout, a page cache of 32 MiB for the writer; then one writer pool of a single connection and a pool of
 * readers.
 *
 * <p>The file holds password hashes, sessions and the audit log: it and its {@code -wal} and {@code -shm} files are
 * made readable by their owner only (0600), and a directory made for it is 0700, whatever the umask.
 */
final class SqliteConnector implements Connector {
    /**
     * The writer's page cache, which every job's commit goes through: SQLite's default of 2 MiB holds little more than
     * the indexes a busy hub writes, so each commit read pages back from the file. Readers keep the default.
     */
    private static final int WRITER_CACHE_KIB = 32 * 1024;
    private static final int READER_CACHE_KIB = 2 * 1024;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SqliteStoreConfig config;

    SqliteConnector(SqliteStoreConfig config) {
        this.config = config;
    }

    @Override
    public Connections connect() throws SQLException {
        Path file = config.file().toAbsolutePath();
        makeDirectory(file.getParent());
        ownerOnly(file, true);
        HikariDataSource writer = pool("resourcepool-sqlite-writer", 1, file, WRITER_CACHE_KIB);
        try {
            probeWrite(writer);
            // SQLite gives the -wal and -shm files the mode of the database file; made before, they may differ
            ownerOnly(Path.of(file + "-wal"), false);
            ownerOnly(Path.of(file + "-shm"), false);
            return new SingleWriterConnections(pool("resourcepool-sqlite-readers", config.readers(), file, READER_CACHE_KIB), writer);
        } catch (SQLException | RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    private HikariDataSource pool(String name, int size, Path file, int cacheKib) throws SQLException {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setDataSource(dataSource(file, cacheKib));
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(1);
        hikari.setAutoCommit(false);
        try {
            return new HikariDataSource(hikari);
        } catch (PoolInitializationException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
        }
    }

    private SQLiteDataSource dataSource(Path file, int cacheKib) {
        SQLiteConfig pragmas = new SQLiteConfig();
        pragmas.setJournalMode(SQLiteConfig.JournalMode.WAL);
        pragmas.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        pragmas.enforceForeignKeys(true);
        pragmas.setBusyTimeout((int) config.busyTimeout().toMillis());
        pragmas.setCacheSize(-cacheKib);
        SQLiteDataSource source = new SQLiteDataSource(pragmas);
        source.setUrl("jdbc:sqlite:" + file);
        return source;
    }

    /**
     * Writes nothing, but asks for the right to: SQLite opens a file it cannot write read-only without a
     * word, and the store should say so at start rather than at the first login.
     */
    private static void probeWrite(HikariDataSource writer) throws SQLException {
        try (Connection c = writer.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL)");
            s.executeUpdate("DELETE FROM schema_version WHERE version < 0");
            c.rollback();
        }
    }

    /** Makes the file its owner's only; makes it first (0600 and empty, which SQLite takes as a new database) when asked. */
    private static void ownerOnly(Path file, boolean create) {
        try {
            if (create && !Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            if (Files.exists(file)) {
                // group and others lose every right; the owner keeps what it had (a read-only file stays read-only)
                Set<PosixFilePermission> mode = EnumSet.copyOf(Files.getPosixFilePermissions(file));
                mode.retainAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
                Files.setPosixFilePermissions(file, mode);
            }
        } catch (FileAlreadyExistsException e) {
            ownerOnly(file, false);
        } catch (IOException e) {
            if (!Files.isWritable(file)) {
                // a file that cannot be changed at all (immutable, or on a read-only mount): the write probe refuses
                // the store with the reason, and nothing is opened
                return;
            }
            throw new StoreException("cannot make the store file " + file + " readable by its owner only: " + e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            throw new StoreException("cannot make the store file " + file + " readable by its owner only: " + e.getMessage(), e);
        }
    }

    private static void makeDirectory(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new StoreException("cannot make the data directory " + directory + " for the store: " + e.getMessage()
                    + "; create it, or choose another data directory", e);
        }
    }
}
