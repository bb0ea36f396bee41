package io.resourcepool.store.sqlite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the SQLite store keeps its file, and how patient it is.
 *
 * @param file the database file; its directory is made if missing
 * @param busyTimeout how long a connection waits for a lock held by another process before it fails
 * @param readers how many connections serve reads beside the one writer, 1 to 64
 */
public record SqliteStoreConfig(Path file, Duration busyTimeout, int readers) {
    /** The file's name in the data directory unless {@code store.file} says otherwise. */
    public static final String DEFAULT_FILE_NAME = "pool.db";
    /** How long to wait for another process's lock by default. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);
    /** Read connections by default. */
    public static final int DEFAULT_READERS = 4;

    /** Checks the fields. */
    public SqliteStoreConfig {
        Objects.requireNonNull(file, "file must be given");
        Objects.requireNonNull(busyTimeout, "busyTimeout must be given");
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busyTimeout must be between 0 and " + Integer.MAX_VALUE + " ms, was " + busyTimeout);
        }
        if (readers < 1 || readers > 64) {
            throw new IllegalArgumentException("readers must be between 1 and 64, was " + readers);
        }
    }

    /**
     * The default configuration for a file.
     *
     * @param file the database file
     * @return the configuration
     */
    public static SqliteStoreConfig of(Path file) {
        return new SqliteStoreConfig(file, DEFAULT_BUSY_TIMEOUT, DEFAULT_READERS);
    }

    /**
     * The default configuration in a data directory: {@code <dataDirectory>/pool.db}.
     *
     * @param dataDirectory the hub's data directory
     * @return the configuration
     */
    public static SqliteStoreConfig inDirectory(Path dataDirectory) {
        return of(dataDirectory.resolve(DEFAULT_FILE_NAME));
    }
}
