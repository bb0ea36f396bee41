package io.resourcepool.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** Only PostgreSQL offers the building blocks for several hubs; a MariaDB store is for one hub. */
class CoordinationOnlyOnPostgresTest {
    private static final StoreLocation LOCATION = new StoreLocation("jdbc", "db.example.org", "pool");

    @Test
    void mariaDbStoreOffersNoCoordination() {
        try (JdbcStore store = new JdbcStore(new MariaDbDialect(), CoordinationOnlyOnPostgresTest::unreachable, LOCATION, InstantSource.system())) {
            assertThat(store.coordination()).isEmpty();
        }
    }

    @Test
    void postgresStoreOffersIt() {
        try (JdbcStore store = new JdbcStore(new PostgresDialect(), CoordinationOnlyOnPostgresTest::unreachable, LOCATION, InstantSource.system())) {
            assertThat(store.coordination()).isPresent();
        }
    }

    private static Connections unreachable() throws SQLException {
        throw new SQLException("not connected in this test", "08001");
    }
}
