package io.resourcepool.launcher.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A temporary directory removed with everything in it when closed. */
public final class ScratchDirectory implements AutoCloseable {
    private final Path path;

    private ScratchDirectory(Path path) {
        this.path = path;
    }

    /**
     * Makes a new temporary directory.
     *
     * @param prefix its name's start
     * @return the directory
     */
    public static ScratchDirectory create(String prefix) {
        try {
            // passable but not listable: a root worker's jobs, under uids of their own, go through it to their work
            return new ScratchDirectory(Files.createTempDirectory(prefix,
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary directory", e);
        }
    }

    /**
     * Where it is.
     *
     * @return the path
     */
    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            Demo.deleteTree(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + path, e);
        }
    }
}
