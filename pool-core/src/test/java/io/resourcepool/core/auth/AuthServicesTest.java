package io.resourcepool.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.PoolException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.testkit.store.InMemoryStore;
import io.resourcepool.testkit.time.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthServicesTest {
    /** The weakest production cost, to keep this test quick while going through the real configuration. */
    private static final AuthConfig CONFIG = new AuthConfig(10, 1, 4, 5, Duration.ofMinutes(15), Duration.ofHours(1));

    @TempDir
    Path dataDir;

    @Test
    void startedServicesMakeTheFirstAdminWhoCanLogInAndSurviveARestart() {
        ManualClock clock = ManualClock.start();
        try (InMemoryStore store = InMemoryStore.opened()) {
            Secret password;
            Secret token;
            try (AuthServices auth = AuthServices.start(store, CONFIG, dataDir, clock)) {
                password = auth.firstAdmin().createIfFirstStart().generatedPassword().orElseThrow();
                token = auth.authenticator().login("admin", password, "").token();
            }
            try (AuthServices restarted = AuthServices.start(store, CONFIG, dataDir, clock)) {
                Session resumed = restarted.authenticator().resume(token, "");
                assertThat(resumed.role()).isEqualTo(Role.ADMIN);
                assertThat(restarted.firstAdmin().createIfFirstStart().created()).isFalse();
            }
        }
    }

    @Test
    void closingStartedServicesStopsTheirHasherButNotOneTheyWereGiven() {
        try (InMemoryStore store = InMemoryStore.opened();
                PasswordHasher given = PasswordHasher.insecureForTesting(4, 1, 1)) {
            AuthServices started = AuthServices.start(store, CONFIG, dataDir, ManualClock.start());
            AuthServices wired = AuthServices.over(store, CONFIG, given, SessionKey.inMemory(), SeedVault.inMemory(), ManualClock.start());

            started.close();
            wired.close();

            assertThatThrownBy(() -> started.hasher().hash(Secret.of("some password"))).isInstanceOf(PoolException.class);
            assertThat(given.verify(Secret.of("some password"), given.hash(Secret.of("some password")))).isTrue();
        }
    }
}
