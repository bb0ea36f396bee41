package io.resourcepool.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** URLs are shown without user information or parameters. */
class JdbcUrlTest {

    @Test
    void serverUrlShowsHostPortAndDatabaseOnly() {
        assertThat(JdbcUrl.parse("jdbc:postgresql://db.example.org:5433/pool?user=x&ssl=true").describe())
                .isEqualTo("postgresql://db.example.org:5433/pool");
        assertThat(JdbcUrl.parse("jdbc:mariadb://someone:pw@db:3306/pool").describe()).isEqualTo("mariadb://db:3306/pool");
        assertThat(JdbcUrl.parse("jdbc:postgresql://[::1]/pool").describe()).isEqualTo("postgresql://[::1]/pool");
    }

    @Test
    void fileUrlShowsTheFile() {
        assertThat(JdbcUrl.parse("jdbc:sqlite:/var/lib/pool/pool.db?journal_mode=WAL").describe()).isEqualTo("sqlite:/var/lib/pool/pool.db");
    }

    @Test
    void escapedLikePrefixMatchesOnlyItself() {
        assertThat(LikePatterns.prefix("50%_off!")).isEqualTo("50!%!_off!!%");
    }
}
