package io.resourcepool.core.auth;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.KeySeal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A random key kept in a file of the hub's data directory, readable only by its owner (mode 0600), made on
 * first start. Its bytes never reach a log or an exception message.
 *
 * @param fileName the file's name inside the data directory
 * @param length the key's length in bytes
 * @param consequence what deleting the file does, for the message that tells the operator to
 */
record KeyFile(String fileName, int length, String consequence) {
    private static final Logger LOG = LoggerFactory.getLogger(KeyFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /**
     * Reads the key from the data directory, or makes and saves a new one when there is none.
     *
     * @param dataDir the hub's data directory; made if missing
     * @return the key's bytes
     * @throws ConfigurationException when the file cannot be read or written, or does not hold a key
     */
    byte[] openOrCreate(Path dataDir) {
        return openOrCreate(dataDir, KeySeal.none());
    }

    /**
     * Reads the key from the data directory, or makes and saves a new one when there is none; with a seal that
     * seals, a new key is written sealed, and a key found unsealed is sealed in place.
     *
     * @param dataDir the hub's data directory; made if missing
     * @param seal the seal for the file
     * @return the key's bytes
     * @throws ConfigurationException when the file cannot be read or written, does not hold a key, or is sealed
     *     and the seal does not open it
     */
    byte[] openOrCreate(Path dataDir, KeySeal seal) {
        Path file = dataDir.resolve(fileName);
        try {
            Files.createDirectories(dataDir);
            if (Files.exists(file)) {
                return read(file, seal);
            }
            return create(file, seal);
        } catch (FileAlreadyExistsException e) {
            // Another process made it between our check and our create: use theirs.
            return readQuietly(file, seal);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read or create the key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** A fresh random key of this length, kept nowhere. */
    byte[] random() {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private byte[] read(Path file, KeySeal seal) throws IOException {
        byte[] stored = Files.readAllBytes(file);
        byte[] bytes = seal.open(fileName, stored);
        if (bytes.length != length) {
            throw new ConfigurationException("the key file " + file + " holds " + bytes.length + " bytes, not " + length
                    + "; delete it and restart the hub to make a new one (" + consequence + ")");
        }
        warnIfOthersCanRead(file);
        if (seal.seals() && !KeySeal.isSealed(stored)) {
            sealInPlace(file, seal, bytes);
        }
        return bytes;
    }

    /** Replaces the file with its sealed form in one rename, so a crash leaves the old file or the new one. */
    private void sealInPlace(Path file, KeySeal seal, byte[] bytes) throws IOException {
        Path sealing = file.resolveSibling(fileName + ".sealing");
        Files.deleteIfExists(sealing);
        write(sealing, seal.seal(fileName, bytes));
        Files.move(sealing, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("sealed the key file {}", file);
    }

    private byte[] readQuietly(Path file, KeySeal seal) {
        try {
            return read(file, seal);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the key file " + file + ": " + e.getMessage(), e);
        }
    }

    private byte[] create(Path file, KeySeal seal) throws IOException {
        byte[] bytes = random();
        write(file, seal.seal(fileName, bytes));
        LOG.info("made a new key in {}{}", file, seal.seals() ? ", sealed" : "");
        return bytes;
    }

    private static void write(Path file, byte[] content) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (SeekableByteChannel channel = Files.newByteChannel(file, options, ownerOnly(file))) {
            channel.write(ByteBuffer.wrap(content));
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        if (isPosix(file)) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
        }
        return new FileAttribute<?>[0];
    }

    private static void warnIfOthersCanRead(Path file) throws IOException {
        if (isPosix(file) && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
            LOG.warn("the key file {} can be read by others than its owner; run: chmod 600 {}", file, file);
        }
    }

    private static boolean isPosix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
