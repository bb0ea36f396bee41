package io.resourcepool.core.hub;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Free space on the file system of a directory the hub writes to, measured at one moment.
 *
 * @param directory the directory measured
 * @param freeBytes the bytes the hub's process may still use there
 * @param totalBytes the size of the file system
 */
public record DiskSpace(Path directory, long freeBytes, long totalBytes) {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    /** Checks the figures. */
    public DiskSpace {
        Objects.requireNonNull(directory, "directory must be given");
        if (freeBytes < 0 || totalBytes < 0) {
            throw new IllegalArgumentException("freeBytes and totalBytes must not be negative, were " + freeBytes + " and " + totalBytes);
        }
    }

    /**
     * The figures as people read them, for example {@code 12 KiB free of 2.0 MiB at /var/lib/resourcepool}.
     *
     * @return the text
     */
    public String describe() {
        return bytes(freeBytes) + " free of " + bytes(totalBytes) + " at " + directory;
    }

    /**
     * Bytes in binary units, for example {@code 15.6 GiB}; under 1 KiB, in bytes.
     *
     * @param bytes the count
     * @return the text
     */
    public static String bytes(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
