package io.resourcepool.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.StoreException;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.Providers;
import io.resourcepool.api.spi.store.Store;
import io.resourcepool.api.spi.store.StoreProvider;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code jdbc} provider: found by ServiceLoader, cheap to create, strict about its settings and secrets. */
class JdbcStoreProviderTest {
    @TempDir
    Path dataDirectory;

    private ProviderConfig config(Map<String, String> settings) {
        return new ProviderConfig("jdbc", "store", dataDirectory, settings);
    }

    private static Store create(ProviderConfig config, Map<String, String> env) {
        return new JdbcStoreProvider(env, InstantSource.system()).create(config);
    }

    @Test
    void serviceLoaderFindsTheJdbcProvider() {
        assertThat(Providers.select(StoreProvider.class, "jdbc")).isInstanceOf(JdbcStoreProvider.class);
    }

    @Test
    void createDoesNotConnect() {
        Store store = create(config(Map.of("url", "jdbc:postgresql://127.0.0.1:1/pool", "user", "pool")), Map.of());

        assertThat(store.describe()).isEqualTo("jdbc postgresql://127.0.0.1:1/pool as pool");
        assertThatThrownBy(store::open).isInstanceOf(StoreException.class).hasMessageContaining("connection refused");
    }

    @Test
    void missingUrlNamesTheKey() {
        assertThatThrownBy(() -> create(config(Map.of()), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("store.url must be set");
    }

    @Test
    void passwordInTheUrlIsRefusedWithoutRepeatingIt() {
        for (String url : new String[] {"jdbc:postgresql://db/pool?user=a&password=s3cret", "jdbc:mariadb://a:s3cret@db/pool"}) {
            assertThatThrownBy(() -> create(config(Map.of("url", url)), Map.of()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("must not carry a password; give it with store.password-env or store.password-file")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
        }
    }

    @Test
    void sqliteUrlIsSentToTheSqliteStore() {
        assertThatThrownBy(() -> create(config(Map.of("url", "jdbc:sqlite:/tmp/x.db")), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("store.type = sqlite");
    }

    @Test
    void unknownDatabaseIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> create(config(Map.of("url", "jdbc:h2:mem:x")), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jdbc:postgresql:, jdbc:mariadb:");
    }

    @Test
    void badPoolSizeNamesTheSetting() {
        assertThatThrownBy(() -> create(config(Map.of("url", "jdbc:postgresql://db/pool", "pool-size", "0")), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("poolSize must be between 1 and 1000");
        assertThatThrownBy(() -> create(config(Map.of("url", "jdbc:postgresql://db/pool", "pool-size", "many")), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("store.pool-size");
    }

    @Test
    void aSocketTimeoutUnderASecondIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> create(config(Map.of("url", "jdbc:postgresql://db/pool", "socket-timeout", "500ms")), Map.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("socketTimeout must be at least 1 s, was 500 ms");
    }

    @Test
    void eachDriverIsGivenTheTimeoutsInItsOwnUnits() {
        assertThat(new PostgresDialect().networkTimeouts(java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(15)))
                .containsEntry("connectTimeout", "2").containsEntry("loginTimeout", "2").containsEntry("socketTimeout", "15")
                .containsEntry("tcpKeepAlive", "true");
        assertThat(new MariaDbDialect().networkTimeouts(java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(15)))
                .containsEntry("connectTimeout", "2000").containsEntry("socketTimeout", "15000");
    }

    @Test
    void passwordVariableThatIsNotSetIsNamedWhenTheStoreOpens() {
        Store store = create(config(Map.of("url", "jdbc:postgresql://127.0.0.1:1/pool", "password-env", "POOL_DB_PASSWORD")), Map.of());

        assertThatThrownBy(store::open)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("store.password-env names environment variable POOL_DB_PASSWORD, which is not set");
    }

    @Test
    void passwordFromTheEnvironmentNeverReachesTheDescriptionOrTheError() {
        Store store = create(config(Map.of("url", "jdbc:postgresql://127.0.0.1:1/pool", "user", "pool", "password-env", "PW")),
                Map.of("PW", "correct-horse-battery"));

        assertThat(store.describe()).doesNotContain("correct-horse-battery");
        assertThatThrownBy(store::open).isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("correct-horse-battery"));
    }
}
