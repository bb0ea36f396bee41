package io.resourcepool.core.auth;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.KeySeal;
import java.nio.file.Path;
import javax.crypto.spec.SecretKeySpec;

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

    private static final KeyFile FILE = new KeyFile(FILE_NAME, LENGTH, "everyone will have to log in again");

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
        return new SessionKey(FILE.openOrCreate(dataDir));
    }

    /**
     * Reads the key as {@link #openOrCreate(Path)} does, with the file sealed under a key kept outside the data
     * directory (sealed in place when found unsealed).
     *
     * @param dataDir the hub's data directory; made if missing
     * @param seal the seal of the file
     * @return the key
     * @throws ConfigurationException when the file cannot be read or written, does not hold a key, or does not open
     */
    public static SessionKey openOrCreate(Path dataDir, KeySeal seal) {
        return new SessionKey(FILE.openOrCreate(dataDir, seal));
    }

    /**
     * A fresh key that lives only in memory, for a hub without a data directory or for tests: sessions end
     * when the hub stops.
     *
     * @return a random key
     */
    public static SessionKey inMemory() {
        return new SessionKey(FILE.random());
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
}
