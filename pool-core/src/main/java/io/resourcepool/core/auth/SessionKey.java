package io.resourcepool.core.auth;

import io.resourcepool.api.ConfigurationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's key for signing session tokens: 32 random bytes kept in the file {@value #FILE_NAME} of the
 * hub's data directory (mode 0600), made on first start. Keeping it on disk lets sessions outlive a restart;
 * deleting the file ends every session. The key never reaches a log or an exception message.
 */
public final class SessionKey {
    /** The key file's name inside the data directory. */
    public static final String FILE_NAME = "session-key";

    /** The key's length in bytes. */
    public static final int LENGTH = 32;

    private static final Logger LOG = LoggerFactory.getLogger(SessionKey.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final byte[] key;

    private SessionKey(byte[] key) {
        this.key = key;
    }

    /**
     * Reads the key from the data directory, or makes and saves a new one when there is none.
     *
     * @param dataDir the hub's data directory; made if missing
     * @return the key
     * @throws ConfigurationException when the file cannot be read or written, or does not hold a key
     */
    public static SessionKey openOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            if (Files.exists(file)) {
                return read(file);
            }
            return create(file);
        } catch (FileAlreadyExistsException e) {
            // Another process made it between our check and our create: use theirs.
            return readQuietly(file);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read or create the session key file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A fresh key that lives only in memory, for a hub without a data directory or for tests: sessions end
     * when the hub stops.
     *
     * @return a random key
     */
    public static SessionKey inMemory() {
        return new SessionKey(randomKey());
    }

    /** The key for an HMAC-SHA256 {@link javax.crypto.Mac}; a new object each time, so callers cannot share state. */
    SecretKeySpec macKey() {
        return new SecretKeySpec(key, "HmacSHA256");
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "SessionKey[hidden]";
    }

    private static SessionKey read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != LENGTH) {
            throw new ConfigurationException("the session key file " + file + " holds " + bytes.length + " bytes, not "
                    + LENGTH + "; delete it and restart the hub to make a new one (everyone will have to log in again)");
        }
        warnIfOthersCanRead(file);
        return new SessionKey(bytes);
    }

    private static SessionKey readQuietly(Path file) {
        try {
            return read(file);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the session key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static SessionKey create(Path file) throws IOException {
        byte[] bytes = randomKey();
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (SeekableByteChannel channel = Files.newByteChannel(file, options, ownerOnly(file))) {
            channel.write(ByteBuffer.wrap(bytes));
        }
        LOG.info("made a new session key in {}", file);
        return new SessionKey(bytes);
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        if (isPosix(file)) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
        }
        return new FileAttribute<?>[0];
    }

    private static void warnIfOthersCanRead(Path file) throws IOException {
        if (isPosix(file) && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
            LOG.warn("the session key file {} can be read by others than its owner; run: chmod 600 {}", file, file);
        }
    }

    private static boolean isPosix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static byte[] randomKey() {
        byte[] bytes = new byte[LENGTH];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
