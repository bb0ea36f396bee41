package io.resourcepool.testkit.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Test directories made as {@code /var/lib} is for a root worker's data directory: every directory above it may be
 * passed through (not listed) by the jobs' own uids, which must reach their work directories by path. A test's
 * temporary directory is its owner's only, so a test of a root worker opens the way first.
 */
public final class PassableDirectories {
    private PassableDirectories() {}

    /**
     * Gives "others" the right to pass through every directory above {@code directory} that lacks it; takes no
     * right away.
     *
     * @param directory a worker's data directory, which need not exist yet
     */
    public static void above(Path directory) {
        for (Path parent = directory.toAbsolutePath().getParent(); parent != null; parent = parent.getParent()) {
            passable(parent);
        }
    }

    private static void passable(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                return;
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(directory);
            if (mode.add(PosixFilePermission.OTHERS_EXECUTE) | mode.add(PosixFilePermission.GROUP_EXECUTE)) {
                Files.setPosixFilePermissions(directory, mode);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + directory + " passable for the jobs' uids", e);
        }
    }
}
