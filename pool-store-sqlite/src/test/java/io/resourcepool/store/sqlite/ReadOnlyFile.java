package io.resourcepool.store.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes a file read-only for the test, and writable again on close. Permissions do not stop root, so as root
 * the file is marked immutable with {@code chattr +i}, which does.
 */
final class ReadOnlyFile implements AutoCloseable {
    private final Path file;
    private final boolean immutable;

    private ReadOnlyFile(Path file, boolean immutable) {
        this.file = file;
        this.immutable = immutable;
    }

    static ReadOnlyFile make(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        if (Files.isWritable(file)) {
            Assumptions.assumeTrue(chattr("+i", file), "running as root and chattr +i is not possible here, so no file can be made read-only");
            return new ReadOnlyFile(file, true);
        }
        return new ReadOnlyFile(file, false);
    }

    @Override
    public void close() throws IOException {
        if (immutable) {
            chattr("-i", file);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static boolean chattr(String flag, Path file) throws IOException {
        Process p = new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true).start();
        try {
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running chattr", e);
        }
    }
}
