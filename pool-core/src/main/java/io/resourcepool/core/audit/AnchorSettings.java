package io.resourcepool.core.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how often the hub anchors its audit log outside the database.
 *
 * @param file the append-only file of signed checkpoints and day roots; best on another mount than the
 *     database, or copied off the machine
 * @param interval how often a checkpoint is written (one is also written at every verification)
 */
public record AnchorSettings(Path file, Duration interval) {
    /** The anchor file's name in the data directory when no other path is set. */
    public static final String DEFAULT_FILE_NAME = "audit-checkpoints";
    /** How often a checkpoint is written when no other interval is set. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);

    /** Checks the fields. */
    public AnchorSettings {
        Objects.requireNonNull(file, "file must be given");
        Objects.requireNonNull(interval, "interval must be given");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
    }

    /**
     * The defaults for a data directory.
     *
     * @param dataDirectory the hub's data directory
     * @return the file {@value #DEFAULT_FILE_NAME} in it, every ten minutes
     */
    public static AnchorSettings in(Path dataDirectory) {
        return new AnchorSettings(dataDirectory.resolve(DEFAULT_FILE_NAME), DEFAULT_INTERVAL);
    }
}
