package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.PermissionDeniedException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.JobQuery;
import io.resourcepool.core.auth.Authenticator;
import io.resourcepool.core.auth.RateLimits;
import io.resourcepool.core.client.PoolClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account controls through the real protocol over TLS with a manual clock: lockout and its expiry, unlock,
 * unknown-user parity, over-long passwords, revocation seen by an open connection, and each role's allowed
 * and refused requests.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SecurityControlsTest {
    private static final Secret CARL_PASSWORD = Secret.of("carl-password-1");
    private static final Secret VERA_PASSWORD = Secret.of("vera-password-1");
    private static final Secret WRONG = Secret.of("not-the-password");

    @TempDir
    Path dataDir;

    private TlsHubFixture fixture;
    private PoolClient admin;

    @BeforeEach
    void startHubWithUsers() {
        // The per-address limit is raised so that these tests reach the account lock, not the address limit.
        fixture = TlsHubFixture.configured(dataDir, c -> c.withRateLimits(RateLimits.defaults().withLoginFailures(100, Duration.ofMinutes(15))));
        admin = fixture.track(fixture.admin());
        admin.admin().addUser("carl", Role.COMPUTE_USER, CARL_PASSWORD);
        admin.admin().addUser("vera", Role.VIEWER, VERA_PASSWORD);
    }

    @AfterEach
    void stopHub() throws Exception {
        fixture.close();
    }

    @Test
    void fiveFailuresLockTheAccountAgainstTheRightPasswordUntilTheLockExpires() {
        failLogins("carl", WRONG, 5);

        assertThatThrownBy(() -> login("carl", CARL_PASSWORD)).isInstanceOf(AuthenticationException.class).hasMessage(Authenticator.LOGIN_FAILED);
        fixture.clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThatThrownBy(() -> login("carl", CARL_PASSWORD)).hasMessage(Authenticator.LOGIN_FAILED);
        fixture.clock.advance(Duration.ofSeconds(2));
        login("carl", CARL_PASSWORD).close();
        admin.refresh(admin.refreshToken().orElseThrow()); // the lock outlasts the admin's session
        assertThat(admin.admin().audit("carl", "login.failed", 10)).anySatisfy(row -> assertThat(row.detail()).contains("account locked until"));
    }

    @Test
    void adminUnlockLetsTheRightPasswordInAtOnce() {
        failLogins("carl", WRONG, 5);
        assertThat(admin.admin().users()).filteredOn(u -> u.username().equals("carl")).singleElement().satisfies(u -> assertThat(u.locked()).isTrue());

        admin.admin().unlock("carl");

        login("carl", CARL_PASSWORD).close();
        assertThat(admin.admin().audit("admin", "user.unlocked", 10)).singleElement().satisfies(row -> assertThat(row.target()).isEqualTo("carl"));
    }

    @Test
    void unknownUserGetsTheSameAnswerForTheSameBcryptWork() {
        long before = fixture.bcryptChecks();
        String known = failLogin("carl", WRONG);
        long afterKnown = fixture.bcryptChecks();
        String unknown = failLogin("nobody-here", WRONG);
        long afterUnknown = fixture.bcryptChecks();

        assertThat(unknown).isEqualTo(known).isEqualTo(Authenticator.LOGIN_FAILED);
        assertThat(afterKnown - before).isEqualTo(1);
        assertThat(afterUnknown - afterKnown).isEqualTo(1);
    }

    @Test
    void overLongPasswordIsRefusedClearlyWhenSetAndNeverCutAtLogin() {
        String seventyTwo = "p".repeat(72);

        assertThatThrownBy(() -> admin.admin().addUser("dora", Role.VIEWER, Secret.of(seventyTwo + "q")))
                .hasMessageContaining("passwords may be at most 72 bytes in UTF-8");
        admin.admin().addUser("dora", Role.VIEWER, Secret.of(seventyTwo));

        assertThatThrownBy(() -> login("dora", Secret.of(seventyTwo + "q"))).hasMessage(Authenticator.LOGIN_FAILED);
        login("dora", Secret.of(seventyTwo)).close();
    }

    @Test
    void revocationIsSeenByAConnectionAlreadyOpen() {
        try (PoolClient carl = login("carl", CARL_PASSWORD)) {
            assertThat(carl.nodes()).isEmpty();

            admin.admin().revokeSessions("carl");

            assertThatThrownBy(carl::nodes).isInstanceOf(AuthenticationException.class).hasMessage(Authenticator.SESSION_ENDED);
        }
    }

    @Test
    void viewerReadsThePoolButIsRefusedWorkAndAdministrationNamingTheRole() {
        try (PoolClient vera = login("vera", VERA_PASSWORD)) {
            assertThat(vera.nodes()).isEmpty();
            assertThat(vera.jobs(JobQuery.all(10))).isEmpty();
            assertThatThrownBy(() -> vera.submit(JobSpec.of("true"))).isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("needs the compute-user role; vera has viewer");
            assertThatThrownBy(() -> vera.admin().users()).isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("needs the admin role; vera has viewer");
        }
    }

    @Test
    void computeUserSubmitsAndCancelsButIsRefusedAdministrationNamingTheRole() {
        try (PoolClient carl = login("carl", CARL_PASSWORD)) {
            var job = carl.submit(JobSpec.of("true"));
            carl.cancel(job);
            assertThat(carl.job(job).state()).isEqualTo(JobState.CANCELLED);
            assertThatThrownBy(() -> carl.admin().createJoinToken(Duration.ofMinutes(1))).isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("needs the admin role; carl has compute-user");
        }
    }

    @Test
    void adminMayDoEverything() {
        assertThat(admin.admin().users()).extracting(u -> u.username()).contains("admin", "carl", "vera");
        assertThat(admin.jobs(JobQuery.all(10))).isEmpty();
        assertThat(admin.admin().audit("", "", 10)).isNotEmpty();
        assertThat(admin.admin().verifyAudit().intact()).isTrue();
    }

    private void failLogins(String user, Secret password, int times) {
        for (int i = 0; i < times; i++) {
            failLogin(user, password);
        }
    }

    private String failLogin(String user, Secret password) {
        try (PoolClient client = fixture.connect()) {
            return org.assertj.core.api.Assertions.catchThrowableOfType(AuthenticationException.class, () -> client.login(user, password))
                    .getMessage();
        }
    }

    private PoolClient login(String user, Secret password) {
        return fixture.login(user, password, Secret.of(""));
    }
}
