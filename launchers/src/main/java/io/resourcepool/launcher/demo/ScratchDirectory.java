package io.resourcepool.launcher.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** A temporary directory removed with everything in it when closed. */
public final class ScratchDirectory implements AutoCloseable {
    /** Passable but not listable: a root worker's jobs, under uids of their own, go through it to their work. */
    private static final FileAttribute<Set<PosixFilePermission>> PASSABLE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x"));

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
            return new ScratchDirectory(Files.createTempDirectory(prefix, PASSABLE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary directory", e);
        }
    }

    /**
     * Makes a new temporary directory in the given one.
     *
     * @param parent where to make it
     * @param prefix its name's start
     * @return the directory
     */
    public static ScratchDirectory createIn(Path parent, String prefix) {
        try {
            return new ScratchDirectory(Files.createTempDirectory(parent, prefix, PASSABLE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary directory in " + parent, e);
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
