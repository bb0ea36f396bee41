package io.resourcepool.core.sandbox;

import io.resourcepool.api.ConfigurationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What of the host a bubblewrap container sees besides the system ({@link BubblewrapCommand#SYSTEM}): the
 * operator's extra read-only paths, and the worker's data directory, which it must never see.
 *
 * @param workerDataDirectory the worker's data directory (its key and certificate), absolute and normalised
 * @param readOnlyPaths extra host paths bound read-only, absolute and normalised; none holds the data directory
 */
public record HostView(Path workerDataDirectory, List<Path> readOnlyPaths) {
    /** Checks that no extra path shows the data directory. */
    public HostView {
        workerDataDirectory = Objects.requireNonNull(workerDataDirectory, "workerDataDirectory must be given").toAbsolutePath().normalize();
        List<Path> normalised = new ArrayList<>();
        for (Path path : Objects.requireNonNull(readOnlyPaths, "readOnlyPaths must be given")) {
            Path absolute = path.toAbsolutePath().normalize();
            if (workerDataDirectory.startsWith(absolute) || absolute.startsWith(workerDataDirectory)) {
                throw new ConfigurationException("the read-only path " + absolute + " would show jobs (part of) the worker's data directory "
                        + workerDataDirectory + " (its key): remove it, or keep the data directory elsewhere");
            }
            normalised.add(absolute);
        }
        readOnlyPaths = List.copyOf(normalised);
    }

    /**
     * A view with no extra paths.
     *
     * @param workerDataDirectory the worker's data directory
     * @return the view
     */
    public static HostView of(Path workerDataDirectory) {
        return new HostView(workerDataDirectory, List.of());
    }

    /**
     * Reads a comma-separated list of absolute paths.
     *
     * @param workerDataDirectory the worker's data directory
     * @param commaSeparated the paths, possibly empty
     * @return the view
     * @throws ConfigurationException when a path is relative or shows the data directory
     */
    public static HostView parse(Path workerDataDirectory, String commaSeparated) {
        List<Path> paths = new ArrayList<>();
        for (String item : commaSeparated.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            Path path = Path.of(item.strip());
            if (!path.isAbsolute()) {
                throw new ConfigurationException("a read-only path must be absolute, not '" + item.strip() + "'");
            }
            paths.add(path);
        }
        return new HostView(workerDataDirectory, paths);
    }

    /** Says whether the container would see {@code path} through a system directory or an extra path. */
    boolean bound(Path path) {
        return BubblewrapCommand.SYSTEM.stream().anyMatch(path::startsWith) || readOnlyPaths.stream().anyMatch(path::startsWith);
    }
}
