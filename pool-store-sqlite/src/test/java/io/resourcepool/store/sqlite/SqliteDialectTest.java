package io.resourcepool.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.store.jdbc.Dialect;
import io.resourcepool.store.jdbc.JdbcStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The SQLite dialect, which lives in this module with its migrations. */
class SqliteDialectTest {

    @Test
    void sqliteMigrationsAreFoundBesideTheDialectAndKeepPaceWithTheServerDatabases() {
        int postgres = JdbcStore.latestSchemaVersion(Dialect.forUrl("jdbc:postgresql://db/pool"));

        assertThat(JdbcStore.latestSchemaVersion(new SqliteDialect())).isPositive().isEqualTo(postgres);
    }

    @Test
    void aFileDatabaseHasNoNetworkTimeouts() {
        assertThat(new SqliteDialect().networkTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(15))).isEmpty();
    }

    @Test
    void acceptsOnlySqliteUrls() {
        assertThat(new SqliteDialect().accepts("jdbc:sqlite:/var/lib/pool/pool.db")).isTrue();
        assertThat(new SqliteDialect().accepts("jdbc:postgresql://db/pool")).isFalse();
    }
}
