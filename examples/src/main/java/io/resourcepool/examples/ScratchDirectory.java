package io.resourcepool.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Where an example that runs jobs keeps its hub and workers when it is run from its {@code main}. */
final class ScratchDirectory {
    private ScratchDirectory() {}

    /**
     * Makes a new temporary directory that others may pass through but not list: a worker started as root runs
     * each job under a uid of its own, which must reach the job's work directory below this one.
     *
     * @param prefix the start of the directory's name
     * @return the new directory
     * @throws IOException when it cannot be made
     */
    static Path create(String prefix) throws IOException {
        return Files.createTempDirectory(prefix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
    }
}
