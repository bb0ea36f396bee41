package io.resourcepool.store.sqlite;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.store.Store;
import io.resourcepool.api.spi.store.StoreProvider;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The {@code sqlite} store, the default. Settings, under the {@code store.} prefix, all optional:
 * <ul>
 *   <li>{@code file}: the database file, relative to the data directory; {@code pool.db} by default;</li>
 *   <li>{@code busy-timeout}: how long to wait for a lock held by another process, 5s by default;</li>
 *   <li>{@code readers}: read connections beside the one writer, 4 by default.</li>
 * </ul>
 * The file is opened in WAL mode with {@code synchronous=NORMAL}: durable when the hub crashes, and losing
 * at most the last transactions on a power cut; see {@link SqliteStore} for why.
 */
public final class SqliteStoreProvider implements StoreProvider {

    /** Makes the provider. */
    public SqliteStoreProvider() {}

    @Override
    public String type() {
        return "sqlite";
    }

    @Override
    public Store create(ProviderConfig config) {
        return new SqliteStore(storeConfig(config));
    }

    /**
     * The file and settings the {@code store.*} keys name, for tools that work on the file itself, such as a backup.
     *
     * @param config the settings under the store's prefix, and the hub's data directory
     * @return the store's file and settings
     * @throws ConfigurationException when a setting is not valid
     */
    public static SqliteStoreConfig storeConfig(ProviderConfig config) {
        Path file = file(config);
        try {
            return new SqliteStoreConfig(file,
                    config.getDuration("busy-timeout", SqliteStoreConfig.DEFAULT_BUSY_TIMEOUT),
                    config.getInt("readers", SqliteStoreConfig.DEFAULT_READERS));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("the " + config.prefix() + " settings are not valid: " + e.getMessage(), e);
        }
    }

    private static Path file(ProviderConfig config) {
        String name = config.get("file").orElse(SqliteStoreConfig.DEFAULT_FILE_NAME);
        try {
            return config.dataDirectory().resolve(name);
        } catch (InvalidPathException e) {
            throw new ConfigurationException(config.fullKey("file") + " is '" + name + "', which is not a file name: " + e.getReason(), e);
        }
    }
}
