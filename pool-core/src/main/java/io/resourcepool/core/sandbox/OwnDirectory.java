package io.resourcepool.core.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * A directory that only this process's user may write: made 0700 where it is missing, and refused when it is a
 * symbolic link, belongs to another user, or lets others write. What a root worker keeps for the machine
 * ({@link UidClaims}, {@link LaunchHelper}'s program) lives in one under {@code /run/resourcepool}.
 */
final class OwnDirectory {
    private OwnDirectory() {
    }

    /**
     * Makes the directory where it is missing, and checks it.
     *
     * @param directory the directory
     * @return why it cannot be trusted, or empty when it can
     */
    static Optional<String> problem(Path directory) {
        try {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            if (Files.isSymbolicLink(directory)) {
                return Optional.of(directory + " is a symbolic link");
            }
            Object owner = Files.getAttribute(directory, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            Object me = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (!owner.equals(me)) {
                return Optional.of(directory + " belongs to uid " + owner + ", not to the worker's " + me);
            }
            if (!PosixFilePermissions.toString(Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS)).endsWith("------")) {
                return Optional.of(directory + " may be written by others than its owner");
            }
            return Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("cannot use " + directory + ": " + e.getMessage());
        }
    }
}
