package io.resourcepool.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.Secret;
import io.resourcepool.api.StoreException;
import io.resourcepool.testkit.store.TestDatabase;
import io.resourcepool.testkit.store.TestServer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Start-up failures against real servers: each a {@link StoreException} that says what to do, with no
 * password in it.
 */
class ServerOpenFailureTest {
    private static final String PASSWORD = "hunter2-not-the-password";

    private static JdbcStore store(String url, String user, Optional<Secret> password) {
        var config = new JdbcStoreConfig(url, user, password, 2, Duration.ofSeconds(5));
        return new JdbcStore(Dialect.forUrl(url), new HikariConnector(config), config.location(), InstantSource.system());
    }

    @Test
    void serverThatIsNotListeningIsNamedWithWhatToCheck() {
        try (JdbcStore store = store("jdbc:postgresql://127.0.0.1:1/pool", "pool", Optional.of(Secret.of(PASSWORD)))) {
            assertThatThrownBy(store::open)
                    .isInstanceOf(StoreException.class)
                    .hasMessage("cannot reach the database at postgresql://127.0.0.1:1/pool: connection refused; "
                            + "check store.url and that the server runs");
        }
    }

    @Test
    void mariaDbThatIsNotListeningIsNamedToo() {
        try (JdbcStore store = store("jdbc:mariadb://127.0.0.1:1/pool", "pool", Optional.empty())) {
            assertThatThrownBy(store::open).isInstanceOf(StoreException.class).hasMessageStartingWith("cannot reach the database at")
                    .hasMessageContaining("connection refused");
        }
    }

    @Test
    void wrongPasswordIsALoginRefusalWithoutThePassword() {
        try (TestDatabase db = TestServer.MARIADB.createDatabase();
                JdbcStore store = store(db.url(), db.user(), Optional.of(Secret.of(PASSWORD)))) {
            assertThatThrownBy(store::open)
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("refused the login for user '" + db.user() + "'")
                    .hasMessageContaining("store.password-env / store.password-file")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
        }
    }

    @Test
    void unknownUserIsALoginRefusal() {
        try (TestDatabase db = TestServer.POSTGRESQL.createDatabase(); JdbcStore store = store(db.url(), "nobody_here", Optional.empty())) {
            assertThatThrownBy(store::open).isInstanceOf(StoreException.class).hasMessageContaining("refused the login for user 'nobody_here'");
        }
    }

    @Test
    void unknownDatabaseIsNamed() {
        TestServer server = TestServer.POSTGRESQL;
        try (TestDatabase probe = server.createDatabase();
                JdbcStore store = store(server.url().replaceFirst("/[^/?]+(\\?|$)", "/no_such_db_here$1"), server.user(), Optional.empty())) {
            assertThatThrownBy(store::open).isInstanceOf(StoreException.class)
                    .hasMessageContaining("the database named in store.url does not exist");
        }
    }

    @Test
    void schemaFromTheFutureIsRefusedOnPostgres() {
        try (TestDatabase db = TestServer.POSTGRESQL.createDatabase()) {
            try (JdbcStore first = store(db.url(), db.user(), Optional.empty())) {
                first.open();
            }
            int known = JdbcStore.latestSchemaVersion(new PostgresDialect());
            db.execute("INSERT INTO schema_version (version, applied_at) VALUES (" + (known + 7) + ", 0)");

            try (JdbcStore store = store(db.url(), db.user(), Optional.empty())) {
                assertThatThrownBy(store::open).isInstanceOf(StoreException.class)
                        .hasMessage("the database schema is version " + (known + 7) + " but this ResourcePool knows up to " + known
                                + "; upgrade ResourcePool or point it at another database");
            }
        }
    }

    @Test
    void openingAgainRunsNoMigrationTwiceAndKeepsTheData() {
        try (TestDatabase db = TestServer.MARIADB.createDatabase()) {
            try (JdbcStore first = store(db.url(), db.user(), db.password().map(Secret::of))) {
                first.open();
                first.credentials().createUser(io.resourcepool.testkit.store.StoreSamples.user("alice"));
            }
            try (JdbcStore again = store(db.url(), db.user(), db.password().map(Secret::of))) {
                again.open();
                assertThat(again.credentials().findUser("alice")).isPresent();
            }
        }
    }
}
