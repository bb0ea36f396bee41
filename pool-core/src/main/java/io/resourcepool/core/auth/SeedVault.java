package io.resourcepool.core.auth;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.KeySeal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Seals TOTP seeds before they reach the store, with AES-256-GCM under a key kept in the file
 * {@value #FILE_NAME} of the hub's data directory (mode 0600), made on first start. A copy of the database
 * alone does not give the seeds away. The user's name is bound in as associated data, so a sealed seed
 * moved to another user's row does not open. Deleting the key file makes every seed unreadable: users with a
 * second factor then log in with a recovery code, or an admin sets the factor up again.
 */
public final class SeedVault {
    /** The key file's name inside the data directory. */
    public static final String FILE_NAME = "mfa-key";

    private static final KeyFile FILE = new KeyFile(FILE_NAME, 32, "every user's one-time-code app must then be set up again");

    private final byte[] key;

    private SeedVault(byte[] key) {
        this.key = key;
    }

    /**
     * Reads the key from the data directory, or makes and saves a new one when there is none.
     *
     * @param dataDir the hub's data directory; made if missing
     * @return the vault
     * @throws ConfigurationException when the file cannot be read or written, or does not hold a key
     */
    public static SeedVault openOrCreate(Path dataDir) {
        return new SeedVault(FILE.openOrCreate(dataDir));
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
    public static SeedVault openOrCreate(Path dataDir, KeySeal seal) {
        return new SeedVault(FILE.openOrCreate(dataDir, seal));
    }

    /**
     * A vault whose key lives only in memory, for tests and embedding: seeds sealed by it cannot be read after
     * the hub stops.
     *
     * @return a vault with a random key
     */
    public static SeedVault inMemory() {
        return new SeedVault(FILE.random());
    }

    /**
     * Seals a seed for one user.
     *
     * @param username whose seed
     * @param seed the seed
     * @return base64 of nonce, ciphertext and tag
     */
    String seal(String username, byte[] seed) {
        return AesGcm.seal(key, username.getBytes(StandardCharsets.UTF_8), seed);
    }

    /**
     * Opens a sealed seed.
     *
     * @param username whose seed
     * @param sealed what {@link #seal} gave
     * @return the seed
     * @throws ConfigurationException when it does not open with this key for this user
     */
    byte[] open(String username, String sealed) {
        return AesGcm.open(key, username.getBytes(StandardCharsets.UTF_8), sealed).orElseThrow(() -> cannotOpen(username));
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "SeedVault[hidden]";
    }

    private static ConfigurationException cannotOpen(String username) {
        return new ConfigurationException("the one-time-code seed of user '" + UsernamePolicy.shown(username)
                + "' does not open with the key in " + FILE_NAME + " (the key file was replaced, or the row was altered);"
                + " the user can log in with a recovery code, or an admin can set their second factor up again");
    }
}
