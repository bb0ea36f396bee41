package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.NotFoundException;
import io.resourcepool.api.PermissionDeniedException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.core.auth.Authenticator;
import io.resourcepool.core.auth.Base32;
import io.resourcepool.core.auth.MfaSetup;
import io.resourcepool.core.auth.RateLimits;
import io.resourcepool.core.auth.Totp;
import io.resourcepool.core.client.AuditRow;
import io.resourcepool.core.client.PoolClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One-time codes at login, over real TLS with a manual clock: a user with a second factor needs a TOTP code
 * (accepted one step either side of now, each step once) or a recovery code (each once); a missing or wrong
 * code counts towards the lock and is audited without the code.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MfaLoginTest {
    private static final Secret ERIN_PASSWORD = Secret.of("erin-password-1");
    private static final Duration STEP = Duration.ofSeconds(Totp.STEP_SECONDS);

    @TempDir
    Path dataDir;

    private TlsHubFixture fixture;
    private MfaSetup erin;
    private byte[] seed;

    @BeforeEach
    void startHubWithErinUsingMfa() {
        // The per-address limit is raised so that these tests reach the account lock, not the address limit.
        fixture = TlsHubFixture.configured(dataDir, c -> c.withRateLimits(RateLimits.defaults().withLoginFailures(100, Duration.ofMinutes(15))));
        try (PoolClient admin = fixture.admin()) {
            admin.admin().addUser("erin", Role.COMPUTE_USER, ERIN_PASSWORD);
            erin = admin.mfa().enable("erin");
        }
        seed = Base32.decode(erin.base32Seed().reveal());
    }

    @AfterEach
    void stopHub() throws Exception {
        fixture.close();
    }

    @Test
    void enablingShowsAnOtpauthUriWithA160BitSeedAndTenRecoveryCodes() {
        assertThat(erin.otpauthUri().reveal()).startsWith("otpauth://totp/ResourcePool%3Aerin?secret=")
                .contains("&issuer=ResourcePool", "&algorithm=SHA1", "&digits=6", "&period=30");
        assertThat(seed).hasSize(20);
        assertThat(erin.recoveryCodes()).hasSize(10).extracting(Secret::reveal).doesNotHaveDuplicates()
                .allMatch(code -> code.matches("[a-z2-7]{4}(-[a-z2-7]{4}){3}"));
    }

    @Test
    void rightCodeLogsIn() {
        try (PoolClient client = fixture.connect().login("erin", ERIN_PASSWORD, codeAt(0))) {
            assertThat(client.role()).contains(Role.COMPUTE_USER);
        }
    }

    @Test
    void missingCodeIsAskedFor() {
        assertThatThrownBy(() -> login(ERIN_PASSWORD, Secret.of("")))
                .isInstanceOf(AuthenticationException.class).hasMessage(Authenticator.CODE_REQUIRED)
                .extracting(e -> ((AuthenticationException) e).reason()).isEqualTo(AuthenticationException.Reason.CODE_REQUIRED);
    }

    @Test
    void theReasonOnTheWireTellsACodeFromAWrongPassword() {
        assertThatThrownBy(() -> login(ERIN_PASSWORD, Secret.of("nope-nope")))
                .extracting(e -> ((AuthenticationException) e).reason()).isEqualTo(AuthenticationException.Reason.CODE_WRONG);
        assertThatThrownBy(() -> login(Secret.of("not-erins-password"), Secret.of("")))
                .hasMessage(Authenticator.LOGIN_FAILED)
                .extracting(e -> ((AuthenticationException) e).reason()).isEqualTo(AuthenticationException.Reason.REFUSED);
    }

    @Test
    void wrongCodeIsRefused() {
        String right = codeAt(0).reveal();
        String wrong = right.equals("000000") ? "000001" : "000000";

        assertThatThrownBy(() -> login(ERIN_PASSWORD, Secret.of(wrong)))
                .isInstanceOf(AuthenticationException.class).hasMessage(Authenticator.CODE_WRONG);
    }

    @Test
    void sameCodeTwiceIsRefusedTheSecondTime() {
        Secret code = codeAt(0);
        login(ERIN_PASSWORD, code).close();

        assertThatThrownBy(() -> login(ERIN_PASSWORD, code))
                .isInstanceOf(AuthenticationException.class).hasMessage(Authenticator.CODE_WRONG);
        fixture.clock.advance(STEP.multipliedBy(2));
        login(ERIN_PASSWORD, codeAt(0)).close();
    }

    @Test
    void codeOfTheStepBeforeIsAccepted() {
        login(ERIN_PASSWORD, codeAt(-1)).close();
    }

    @Test
    void codeOfTheStepAfterIsAcceptedAndThenTheCurrentOneIsAReplay() {
        login(ERIN_PASSWORD, codeAt(1)).close();

        assertThatThrownBy(() -> login(ERIN_PASSWORD, codeAt(0))).hasMessage(Authenticator.CODE_WRONG);
    }

    @Test
    void codesTwoStepsAwayAreRefused() {
        assertThatThrownBy(() -> login(ERIN_PASSWORD, codeAt(-2))).hasMessage(Authenticator.CODE_WRONG);
        assertThatThrownBy(() -> login(ERIN_PASSWORD, codeAt(2))).hasMessage(Authenticator.CODE_WRONG);
    }

    @Test
    void recoveryCodeWorksOnceAndOthersStillWork() {
        Secret recovery = erin.recoveryCodes().getFirst();

        login(ERIN_PASSWORD, recovery).close();

        assertThatThrownBy(() -> login(ERIN_PASSWORD, recovery)).hasMessage(Authenticator.CODE_WRONG);
        login(ERIN_PASSWORD, Secret.of(erin.recoveryCodes().get(1).reveal().toUpperCase(java.util.Locale.ROOT))).close();
    }

    @Test
    void aCodeWithTheWrongPasswordGetsTheOneLoginAnswer() {
        assertThatThrownBy(() -> login(Secret.of("not-erins-password"), codeAt(0))).hasMessage(Authenticator.LOGIN_FAILED);
    }

    @Test
    void fiveWrongCodesLockTheAccountEvenAgainstTheRightCode() {
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> login(ERIN_PASSWORD, Secret.of("nope-nope"))).hasMessage(Authenticator.CODE_WRONG);
        }
        assertThatThrownBy(() -> login(ERIN_PASSWORD, Secret.of(""))).hasMessage(Authenticator.CODE_REQUIRED);

        assertThatThrownBy(() -> login(ERIN_PASSWORD, codeAt(0))).hasMessage(Authenticator.LOGIN_FAILED);
        fixture.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        login(ERIN_PASSWORD, codeAt(0)).close();
    }

    @Test
    void aRightCodeClearsTheCountOfEarlierWrongOnes() {
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> login(ERIN_PASSWORD, Secret.of("nope-nope"))).hasMessage(Authenticator.CODE_WRONG);
        }
        login(ERIN_PASSWORD, codeAt(0)).close();

        assertThatThrownBy(() -> login(ERIN_PASSWORD, Secret.of("nope-nope"))).hasMessage(Authenticator.CODE_WRONG);
        login(ERIN_PASSWORD, codeAt(1)).close();
    }

    @Test
    void failuresAndChangesAreAuditedWithoutAnySecret() {
        Secret code = codeAt(0);
        login(ERIN_PASSWORD, code).close();
        assertThatThrownBy(() -> login(ERIN_PASSWORD, code)).hasMessage(Authenticator.CODE_WRONG);

        try (PoolClient admin = fixture.admin()) {
            admin.mfa().disable("erin");
            List<AuditRow> rows = admin.admin().audit("", "", 100);
            assertThat(rows).extracting(AuditRow::action).contains("user.mfa-enabled", "login.mfa-failed", "user.mfa-disabled");
            assertThat(rows).filteredOn(r -> r.action().equals("login.mfa-failed")).singleElement()
                    .satisfies(r -> assertThat(r.detail()).contains("replayed"));
            List<String> secrets = new java.util.ArrayList<>(List.of(code.reveal(), erin.base32Seed().reveal(), erin.otpauthUri().reveal()));
            erin.recoveryCodes().forEach(c -> secrets.add(c.reveal()));
            for (AuditRow row : rows) {
                assertThat(row.toString()).doesNotContain(secrets);
            }
        }
        try (PoolClient again = fixture.connect().login("erin", ERIN_PASSWORD)) {
            assertThat(again.role()).contains(Role.COMPUTE_USER);
        }
    }

    @Test
    void unknownUsersAndMissingFactorsAreNamed() {
        try (PoolClient admin = fixture.admin()) {
            assertThatThrownBy(() -> admin.mfa().enable("nobody")).isInstanceOf(NotFoundException.class).hasMessageContaining("'nobody'");
            admin.admin().addUser("gail", Role.VIEWER, Secret.of("gail-password-1"));
            assertThatThrownBy(() -> admin.mfa().disable("gail")).isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("has no second factor");
        }
    }

    @Test
    void enablingAgainReplacesTheSeedAndTheRecoveryCodes() {
        MfaSetup replaced;
        try (PoolClient admin = fixture.admin()) {
            replaced = admin.mfa().enable("erin");
        }

        assertThatThrownBy(() -> login(ERIN_PASSWORD, erin.recoveryCodes().getFirst())).hasMessage(Authenticator.CODE_WRONG);
        login(ERIN_PASSWORD, replaced.recoveryCodes().getFirst()).close();
        assertThat(replaced.base32Seed().reveal()).isNotEqualTo(erin.base32Seed().reveal());
    }

    private PoolClient login(Secret password, Secret code) {
        return fixture.login("erin", password, code);
    }

    /** Erin's code for the step this many steps from the hub's now. */
    private Secret codeAt(int stepsFromNow) {
        return Secret.of(Totp.code(seed, Totp.stepAt(fixture.clock.instant()) + stepsFromNow));
    }
}
