package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.BusyException;
import io.resourcepool.api.NotFoundException;
import io.resourcepool.api.PermissionDeniedException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.core.auth.Actor;
import io.resourcepool.core.auth.Authenticator;
import io.resourcepool.core.auth.MfaEnrolments;
import io.resourcepool.core.auth.SeedVault;
import io.resourcepool.core.auth.MfaSetup;
import io.resourcepool.core.auth.RateLimits;
import io.resourcepool.core.client.PoolClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step-up over real TLS: changing one's own sign-in (password, second factor set up, replaced or removed) needs the
 * current password, over the protocol, for every role; a wrong one is refused, audited, and counts towards the
 * account's lock and the source's failed logins as a wrong login does.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StepUpTest {
    private static final Secret FINN_PASSWORD = Secret.of("finn-password-1");
    private static final Secret WRONG = Secret.of("not-finns-password");

    @TempDir
    Path dataDir;

    private TlsHubFixture fixture;

    @AfterEach
    void stopHub() throws Exception {
        fixture.close();
    }

    private void startHub(int lockThreshold, int failuresPerAddress) {
        fixture = TlsHubFixture.configured(dataDir, c -> c.withAuth(c.auth().withLockout(lockThreshold, Duration.ofMinutes(15)))
                .withRateLimits(RateLimits.defaults().withLoginFailures(failuresPerAddress, Duration.ofMinutes(15))));
        try (PoolClient admin = fixture.admin()) {
            admin.admin().addUser("finn", Role.VIEWER, FINN_PASSWORD);
        }
    }

    @Test
    void settingUpOnesOwnSecondFactorNeedsTheCurrentPassword() {
        startHub(5, 100);
        try (PoolClient finn = fixture.connect().login("finn", FINN_PASSWORD)) {
            assertThatThrownBy(() -> finn.mfa().setUpOwn(WRONG)).isInstanceOf(PermissionDeniedException.class)
                    .hasMessage(Authenticator.STEP_UP_FAILED);
            MfaSetup first = finn.mfa().setUpOwn(FINN_PASSWORD);
            MfaSetup replaced = finn.mfa().setUpOwn(FINN_PASSWORD);

            assertThat(first.recoveryCodes()).hasSize(10);
            assertThat(replaced.base32Seed().reveal()).as("with the password, a user may replace their own").isNotEqualTo(first.base32Seed().reveal());
            assertThat(finn.nodes()).as("the session goes on after a refusal").isEmpty();
        }
        assertThatThrownBy(() -> fixture.connect().login("finn", FINN_PASSWORD)).hasMessage(Authenticator.CODE_REQUIRED);
        assertThat(actions()).containsSubsequence("mfa-setup.failed finn by finn", "user.mfa-enabled finn by finn", "user.mfa-enabled finn by finn");
        assertThat(fixture.store.audit().list(AuditQuery.latest(100))).map(row -> row.event().detail())
                .noneMatch(detail -> detail.contains(FINN_PASSWORD.reveal()) || detail.contains(WRONG.reveal()));
    }

    @Test
    void removingOnesOwnSecondFactorNeedsTheCurrentPassword() {
        startHub(5, 100);
        MfaSetup setup;
        try (PoolClient finn = fixture.connect().login("finn", FINN_PASSWORD)) {
            assertThatThrownBy(() -> finn.mfa().removeOwn(FINN_PASSWORD)).isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("has no second factor");
            setup = finn.mfa().setUpOwn(FINN_PASSWORD);
        }
        try (PoolClient finn = fixture.connect().login("finn", FINN_PASSWORD, setup.recoveryCodes().getFirst())) {
            assertThatThrownBy(() -> finn.mfa().removeOwn(WRONG)).isInstanceOf(PermissionDeniedException.class)
                    .hasMessage(Authenticator.STEP_UP_FAILED);
            finn.mfa().removeOwn(FINN_PASSWORD);
        }
        try (PoolClient finn = fixture.connect().login("finn", FINN_PASSWORD)) {
            assertThat(finn.role()).contains(Role.VIEWER);
        }
        assertThat(actions()).containsSubsequence("mfa-removal.failed finn by finn", "user.mfa-disabled finn by finn");
    }

    @Test
    void nobodyChangesTheirOwnSecondFactorWithoutThePasswordNotEvenAnAdmin() {
        startHub(5, 100);
        try (PoolClient admin = fixture.admin()) {
            assertThatThrownBy(() -> admin.mfa().enable("admin")).isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("needs your current password");
            assertThatThrownBy(() -> admin.mfa().disable("admin")).isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("needs your current password");
            assertThat(admin.mfa().setUpOwn(TlsHubFixture.ADMIN_PASSWORD).username()).isEqualTo("admin");
        }
        try (PoolClient finn = fixture.connect().login("finn", FINN_PASSWORD)) {
            assertThatThrownBy(() -> finn.mfa().enable("finn")).isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("needs your current password");
            assertThatThrownBy(() -> finn.mfa().enable("admin")).isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("needs the admin role");
        }
    }

    @Test
    void wrongCurrentPasswordsLockTheAccountLikeWrongLogins() {
        startHub(3, 100);
        try (PoolClient finn = fixture.connect().login("finn", FINN_PASSWORD)) {
            assertThatThrownBy(() -> finn.mfa().setUpOwn(WRONG)).isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> finn.changePassword(WRONG, Secret.of("finn-new-password"))).isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> finn.mfa().removeOwn(WRONG)).isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> finn.mfa().setUpOwn(FINN_PASSWORD)).as("now locked, the right password is refused too")
                    .isInstanceOf(PermissionDeniedException.class).hasMessage(Authenticator.STEP_UP_FAILED);
        }
        assertThatThrownBy(() -> fixture.connect().login("finn", FINN_PASSWORD)).isInstanceOf(AuthenticationException.class)
                .hasMessage(Authenticator.LOGIN_FAILED);
        assertThat(actions()).anyMatch(row -> row.startsWith("mfa-removal.failed finn"));
        assertThat(fixture.store.audit().list(AuditQuery.latest(100))).map(row -> row.event().detail())
                .anyMatch(detail -> detail.contains(Authenticator.LOCKED_NOW));
    }

    @Test
    void wrongCurrentPasswordsCountAsTheSourcesFailedLogins() {
        startHub(100, 2);
        try (PoolClient finn = fixture.connect().login("finn", FINN_PASSWORD)) {
            assertThatThrownBy(() -> finn.mfa().setUpOwn(WRONG)).isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> finn.changePassword(WRONG, Secret.of("finn-new-password"))).isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> finn.mfa().setUpOwn(FINN_PASSWORD)).as("the source is over its limit: nothing is checked")
                    .isInstanceOf(BusyException.class).hasMessageContaining(SourceLimits.TOO_MANY_LOGINS);
        }
        assertThatThrownBy(() -> fixture.connect().login("finn", FINN_PASSWORD)).isInstanceOf(BusyException.class);
    }

    @Test
    void anAdminWhoMustHaveASecondFactorCannotRemoveTheirOwn() {
        fixture = TlsHubFixture.configured(dataDir, c -> c.withAuth(c.auth().withMfaRequiredForAdmins(true)));
        MfaSetup setup = new MfaEnrolments(fixture.store, SeedVault.openOrCreate(dataDir), fixture.clock).enable(Actor.hub(), "admin");
        try (PoolClient admin = fixture.connect().login("admin", TlsHubFixture.ADMIN_PASSWORD, setup.recoveryCodes().getFirst())) {
            assertThatThrownBy(() -> admin.mfa().removeOwn(TlsHubFixture.ADMIN_PASSWORD)).isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("auth.mfa-required-for-admins");
            assertThat(admin.mfa().setUpOwn(TlsHubFixture.ADMIN_PASSWORD).username()).as("replacing it is allowed").isEqualTo("admin");
        }
    }

    private List<String> actions() {
        return fixture.store.audit().list(AuditQuery.latest(100)).reversed().stream().map(row -> {
            AuditEvent e = row.event();
            return e.action() + " " + e.target() + " by " + e.actor();
        }).toList();
    }
}
