package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.core.auth.Authenticator;
import io.resourcepool.core.client.AuditRow;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.launcher.PoolCli.Outcome;
import io.resourcepool.launcher.client.SavedSession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI renews its saved session with the refresh token when the session token has expired, without asking for a
 * password, also when several commands find it expired at once; {@code pool logout} ends the family. The hub runs on
 * the wall clock with sessions of a few seconds, and the test waits (without sleeping) until the hub refuses the
 * saved session token before each check.
 */
class RefreshCommandsTest {
    private static final String PASSWORD = "rita-password-1";

    @TempDir
    Path dir;

    private LivePool pool;
    private PoolCli cli;

    @BeforeEach
    void startPool() {
        pool = new LivePool(dir, Map.of("auth.session-timeout", "3s", "auth.login-failures-per-address", "1000"));
        cli = new PoolCli(pool, dir);
        try (PoolClient admin = pool.admin()) {
            admin.admin().addUser("rita", Role.VIEWER, Secret.of(PASSWORD));
        }
        cli.login("rita", PASSWORD);
    }

    @AfterEach
    void stopPool() {
        pool.close();
    }

    private SavedSession saved() {
        return SavedSession.read(dir.resolve("session-rita")).orElseThrow();
    }

    /** Waits until the hub refuses the session token: it has expired. */
    private void awaitExpiry(SavedSession session) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try (PoolClient client = pool.connect()) {
                client.resume(session.token());
                return false;
            } catch (AuthenticationException expired) {
                return true;
            }
        });
    }

    @Test
    void anExpiredSessionIsRenewedWithoutAPasswordAndTheNewPairSaved() {
        SavedSession first = saved();
        assertThat(first.refreshToken().reveal()).isNotEmpty();
        assertThat(first.expiresAt()).isPresent();
        awaitExpiry(first);

        Outcome nodes = cli.run("nodes", "--session", "rita");

        assertThat(nodes.exitCode()).as(nodes.toString()).isZero();
        SavedSession second = saved();
        assertThat(second.token().matches(first.token())).isFalse();
        assertThat(second.refreshToken().matches(first.refreshToken())).isFalse();
        assertThat(second.username()).isEqualTo("rita");
        assertThat(nodes.err()).doesNotContainIgnoringCase("password").doesNotContain("pool login");
    }

    @Test
    void commandsThatFindTheSessionExpiredAtOnceRenewItOnceAndAllCarryOn() throws Exception {
        awaitExpiry(saved());
        Callable<Outcome> nodes = () -> cli.run("nodes", "--session", "rita");

        List<Future<Outcome>> outcomes;
        try (var threads = Executors.newFixedThreadPool(4)) {
            outcomes = IntStream.range(0, 4).mapToObj(i -> threads.submit(nodes)).toList();
        }

        for (Future<Outcome> outcome : outcomes) {
            assertThat(outcome.get().exitCode()).as(outcome.get().toString()).isZero();
        }
        assertThat(reuseRows()).isEmpty();
    }

    @Test
    void logoutEndsTheFamilySoTheSavedRefreshTokenNoLongerWorks() {
        SavedSession session = saved();

        Outcome logout = cli.run("logout", "--session", "rita");

        assertThat(logout.exitCode()).as(logout.toString()).isZero();
        try (PoolClient client = pool.connect()) {
            assertThatThrownBy(() -> client.refresh(session.refreshToken())).isInstanceOf(AuthenticationException.class);
        }
        assertThat(reuseRows()).isEmpty();
    }

    private List<AuditRow> reuseRows() {
        try (PoolClient admin = pool.admin()) {
            return admin.admin().audit("", Authenticator.REFRESH_REUSE, 100);
        }
    }
}
