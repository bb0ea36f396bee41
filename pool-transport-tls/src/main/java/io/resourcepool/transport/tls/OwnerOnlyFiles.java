package io.resourcepool.transport.tls;

import io.resourcepool.api.ConfigurationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes key and certificate files so that only the owner can read them (directory 0700, files 0600 from
 * the moment they exist) and atomically: a file is written in full to a temporary name, synced, then moved
 * into place, so a crash never leaves half a key. On file systems without POSIX permissions the files are
 * still written atomically and the operator is warned.
 */
final class OwnerOnlyFiles {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnlyFiles.class);
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFiles() {}

    /** Makes the directory (and parents) if needed, and narrows its permissions to the owner. */
    static Path directory(Path dir) {
        try {
            Files.createDirectories(dir);
            if (isPosix(dir)) {
                Files.setPosixFilePermissions(dir, DIRECTORY);
            } else {
                LOG.warn("{} is on a file system without POSIX permissions: protect the keys in it by other means", dir);
            }
            return dir;
        } catch (IOException e) {
            throw new ConfigurationException("cannot create the directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes text to the file atomically, readable by the owner only. */
    static void write(Path file, String text) {
        Path dir = file.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            temporary = isPosix(dir)
                    ? Files.createTempFile(dir, "." + file.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(FILE))
                    : Files.createTempFile(dir, "." + file.getFileName(), ".tmp", new FileAttribute<?>[0]);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            move(temporary, file);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new ConfigurationException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Narrows a key file that others can read to the owner, and says so. */
    static void tighten(Path file) {
        try {
            if (isPosix(file) && !Files.getPosixFilePermissions(file).equals(FILE)) {
                LOG.warn("{} was readable by others than its owner; its permissions are now rw------- (0600)", file);
                Files.setPosixFilePermissions(file, FILE);
            }
        } catch (IOException e) {
            throw new ConfigurationException("cannot restrict the permissions of " + file + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("cannot remove the temporary file {}: {}", file, e.getMessage());
            }
        }
    }
}
