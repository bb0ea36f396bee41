package io.resourcepool.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.Providers;
import io.resourcepool.api.spi.store.Store;
import io.resourcepool.api.spi.store.StoreProvider;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code sqlite} provider: found by ServiceLoader, needs no settings, and touches no file until open. */
class SqliteStoreProviderTest {
    @TempDir
    Path dataDirectory;

    private static Store create(ProviderConfig config) {
        return Providers.select(StoreProvider.class, "sqlite").create(config);
    }

    @Test
    void storeIsPoolDbInTheDataDirectoryByDefault() {
        Path data = dataDirectory.resolve("hub");

        try (Store store = create(ProviderConfig.of("sqlite", "store", data))) {
            assertThat(data).doesNotExist();
            store.open();
            assertThat(store.describe()).isEqualTo("sqlite " + data.resolve("pool.db").toAbsolutePath());
        }

        assertThat(data.resolve("pool.db")).exists();
    }

    @Test
    void storeIsForOneHubAndOffersNoCoordination() {
        try (Store store = create(ProviderConfig.of("sqlite", "store", dataDirectory))) {
            store.open();

            assertThat(store.coordination()).isEmpty();
        }
    }

    @Test
    void fileSettingIsResolvedInTheDataDirectory() {
        try (Store store = create(new ProviderConfig("sqlite", "store", dataDirectory, Map.of("file", "state/hub.sqlite")))) {
            store.open();
        }

        assertThat(dataDirectory.resolve("state/hub.sqlite")).exists();
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> create(new ProviderConfig("sqlite", "store", dataDirectory, Map.of("readers", "0"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("readers must be between 1 and 64");
        assertThatThrownBy(() -> create(new ProviderConfig("sqlite", "store", dataDirectory, Map.of("busy-timeout", "soon"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("store.busy-timeout");
    }

    @Test
    void fileIsInWalModeWithForeignKeysEnforced() {
        try (Store store = create(ProviderConfig.of("sqlite", "store", dataDirectory))) {
            store.open();
            var pragmas = new SqliteFile(dataDirectory.resolve("pool.db"));

            assertThat(pragmas.query("PRAGMA journal_mode")).isEqualTo("wal");
            assertThat(dataDirectory.resolve("pool.db-wal")).exists();
        }
    }
}
