package io.resourcepool.core.auth;

import static io.resourcepool.core.auth.AuthFixture.SOURCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.AuditEntry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
    private static final Secret RIGHT = Secret.of("correct horse battery");
    private static final Secret WRONG = Secret.of("incorrect horse battery");

    private AuthFixture fx;

    @BeforeEach
    void setUp() {
        fx = new AuthFixture();
        fx.addUser("alice", Role.COMPUTE_USER, RIGHT);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void rightPasswordGivesASessionThatResumes() {
        Session session = fx.authenticator.login("alice", RIGHT, SOURCE);

        assertThat(session.username()).isEqualTo("alice");
        assertThat(session.role()).isEqualTo(Role.COMPUTE_USER);
        assertThat(session.expiresAt()).isEqualTo(fx.clock.instant().plus(AuthConfig.DEFAULT_SESSION_TIMEOUT));
        Session resumed = fx.authenticator.resume(session.token(), SOURCE);
        assertThat(resumed.username()).isEqualTo("alice");
        assertThat(resumed.expiresAt()).isEqualTo(session.expiresAt());
    }

    @Test
    void userNameIsFoldedToLowerCaseAtLogin() {
        assertThat(fx.authenticator.login("Alice", RIGHT, SOURCE).username()).isEqualTo("alice");
    }

    @Test
    void wrongPasswordFailsWithTheGenericMessage() {
        assertLoginFails("alice", WRONG);
    }

    @Test
    void unknownUserFailsWithTheSameMessageAndTheSameBcryptWork() {
        long knownWork = bcryptChecksFor(() -> assertLoginFails("alice", WRONG));
        long unknownWork = bcryptChecksFor(() -> assertLoginFails("mallory", WRONG));
        long invalidNameWork = bcryptChecksFor(() -> assertLoginFails("not a valid name!", WRONG));

        assertThat(knownWork).isEqualTo(1);
        assertThat(unknownWork).isEqualTo(knownWork);
        assertThat(invalidNameWork).isEqualTo(knownWork);
    }

    @Test
    void fiveFailuresLockTheAccountAndThenEvenTheRightPasswordFails() {
        failTimes(5);

        long lockedWork = bcryptChecksFor(() -> assertLoginFails("alice", RIGHT));

        assertThat(lockedWork).as("a locked account still costs one bcrypt check").isEqualTo(1);
        assertThat(fx.users.listUsers().getFirst().isLockedAt(fx.clock.instant())).isTrue();
    }

    @Test
    void fourFailuresDoNotLock() {
        failTimes(4);

        assertThat(fx.authenticator.login("alice", RIGHT, SOURCE).username()).isEqualTo("alice");
    }

    @Test
    void successClearsTheFailureCount() {
        failTimes(4);
        fx.authenticator.login("alice", RIGHT, SOURCE);
        failTimes(4);

        assertThat(fx.authenticator.login("alice", RIGHT, SOURCE).username()).isEqualTo("alice");
    }

    @Test
    void lockExpiresAfterFifteenMinutes() {
        failTimes(5);
        fx.clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertLoginFails("alice", RIGHT);

        fx.clock.advance(Duration.ofSeconds(1));

        assertThat(fx.authenticator.login("alice", RIGHT, SOURCE).username()).isEqualTo("alice");
    }

    @Test
    void adminUnlockLetsTheRightPasswordInAgain() {
        failTimes(5);
        assertLoginFails("alice", RIGHT);

        fx.users.unlock(AuthFixture.ADMIN, "alice");

        assertThat(fx.authenticator.login("alice", RIGHT, SOURCE).username()).isEqualTo("alice");
    }

    @Test
    void overLongPasswordWhoseFirst72BytesAreRightFailsAtLogin() {
        Secret exactly72 = Secret.of("p".repeat(72));
        fx.addUser("bob", Role.VIEWER, exactly72);

        // bcrypt alone would accept this one: it reads only the first 72 bytes.
        assertLoginFails("bob", Secret.of("p".repeat(72) + "extra"));
        assertThat(fx.authenticator.login("bob", exactly72, SOURCE).username()).isEqualTo("bob");
    }

    @Test
    void forgedTokenIsRefusedWithoutAStoreLookup() {
        Session session = fx.authenticator.login("alice", RIGHT, SOURCE);
        Secret forged = flipFirstMacCharacter(session.token());
        long lookupsBefore = fx.calls("findSession");

        assertThatThrownBy(() -> fx.authenticator.resume(forged, SOURCE))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage(Authenticator.RESUME_FAILED);
        assertThatThrownBy(() -> fx.authenticator.resume(Secret.of("garbage"), SOURCE))
                .hasMessage(Authenticator.RESUME_FAILED);

        assertThat(fx.calls("findSession")).isEqualTo(lookupsBefore);
    }

    @Test
    void resumeUsesTheStoreForAGenuineToken() {
        Session session = fx.authenticator.login("alice", RIGHT, SOURCE);
        long lookupsBefore = fx.calls("findSession");

        fx.authenticator.resume(session.token(), SOURCE);

        assertThat(fx.calls("findSession")).isEqualTo(lookupsBefore + 1);
    }

    @Test
    void resumeCostsNoBcrypt() {
        Session session = fx.authenticator.login("alice", RIGHT, SOURCE);

        assertThat(bcryptChecksFor(() -> fx.authenticator.resume(session.token(), SOURCE))).isZero();
    }

    @Test
    void expiredSessionIsRefused() {
        Session session = fx.authenticator.login("alice", RIGHT, SOURCE);
        fx.clock.advance(AuthConfig.DEFAULT_SESSION_TIMEOUT.minusMinutes(1));
        fx.authenticator.resume(session.token(), SOURCE);

        fx.clock.advance(Duration.ofMinutes(1));

        assertThatThrownBy(() -> fx.authenticator.resume(session.token(), SOURCE))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage(Authenticator.RESUME_FAILED);
    }

    @Test
    void sessionTimeoutIsConfigurable() {
        Authenticator shortLived = new Authenticator(fx.store, fx.hasher, fx.tokens, fx.vault,
                fx.config.withSessionTimeout(Duration.ofMinutes(5)), fx.clock);

        Session session = shortLived.login("alice", RIGHT, SOURCE);

        assertThat(session.expiresAt()).isEqualTo(fx.clock.instant().plus(Duration.ofMinutes(5)));
    }

    @Test
    void logoutRevokesTheSession() {
        Session session = fx.authenticator.login("alice", RIGHT, SOURCE);

        assertThat(fx.authenticator.logout(session.token(), SOURCE)).isTrue();

        assertThatThrownBy(() -> fx.authenticator.resume(session.token(), SOURCE))
                .hasMessage(Authenticator.RESUME_FAILED);
        assertThat(fx.authenticator.logout(session.token(), SOURCE)).as("second logout").isFalse();
    }

    @Test
    void adminPasswordChangeEndsAllTheUsersSessions() {
        Session first = fx.authenticator.login("alice", RIGHT, SOURCE);
        Session second = fx.authenticator.login("alice", RIGHT, SOURCE);
        Secret newPassword = Secret.of("a brand new password");

        assertThat(fx.users.changePassword(AuthFixture.ADMIN, "alice", newPassword)).isEqualTo(2);

        assertThatThrownBy(() -> fx.authenticator.resume(first.token(), SOURCE)).hasMessage(Authenticator.RESUME_FAILED);
        assertThatThrownBy(() -> fx.authenticator.resume(second.token(), SOURCE)).hasMessage(Authenticator.RESUME_FAILED);
        assertLoginFails("alice", RIGHT);
        assertThat(fx.authenticator.login("alice", newPassword, SOURCE).username()).isEqualTo("alice");
    }

    @Test
    void ownPasswordChangeEndsTheOtherSessionsAndKeepsTheCallerLoggedIn() {
        Session other = fx.authenticator.login("alice", RIGHT, SOURCE);
        Session mine = fx.authenticator.login("alice", RIGHT, SOURCE);
        Secret newPassword = Secret.of("a brand new password");

        Session renewed = fx.authenticator.changeOwnPassword(mine, RIGHT, newPassword, SOURCE);

        assertThat(fx.authenticator.resume(renewed.token(), SOURCE).username()).isEqualTo("alice");
        assertThatThrownBy(() -> fx.authenticator.resume(other.token(), SOURCE)).hasMessage(Authenticator.RESUME_FAILED);
        assertThat(fx.authenticator.login("alice", newPassword, SOURCE).username()).isEqualTo("alice");
    }

    @Test
    void ownPasswordChangeNeedsTheCurrentPassword() {
        Session mine = fx.authenticator.login("alice", RIGHT, SOURCE);

        assertThatThrownBy(() -> fx.authenticator.changeOwnPassword(mine, WRONG, Secret.of("a brand new password"), SOURCE))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage(Authenticator.CHANGE_FAILED);

        assertThat(fx.authenticator.login("alice", RIGHT, SOURCE).username()).isEqualTo("alice");
    }

    @Test
    void loginsLogoutsAndFailuresAreAuditedWithTheSourceAddress() {
        Session session = fx.authenticator.login("alice", RIGHT, SOURCE);
        assertLoginFails("mallory", WRONG);
        fx.authenticator.logout(session.token(), SOURCE);
        assertThatThrownBy(() -> fx.authenticator.resume(session.token(), SOURCE));
        fx.authenticator.resume(fx.authenticator.login("alice", RIGHT, SOURCE).token(), SOURCE);

        assertThat(fx.auditRows()).extracting(row -> row.event().action() + " " + row.event().actor())
                .containsSubsequence("session.resume-failed alice", "logout alice", "login.failed mallory",
                        "login.succeeded alice")
                .doesNotContain("session.resumed alice");
        assertThat(fx.auditRows()).filteredOn(row -> row.event().action().startsWith("log"))
                .allSatisfy(row -> assertThat(row.event().sourceAddress()).isEqualTo(SOURCE));
    }

    @Test
    void failedLoginAuditsTheTypedNameCutTo64Characters() {
        assertLoginFails("x".repeat(500), WRONG);

        AuditEntry row = fx.auditRows().getFirst();
        assertThat(row.event().action()).isEqualTo("login.failed");
        assertThat(row.event().actor()).isEqualTo("x".repeat(64));
    }

    @Test
    void nothingSecretReachesTheAuditLog() {
        Session session = fx.authenticator.login("alice", RIGHT, SOURCE);
        assertLoginFails("alice", WRONG);
        assertLoginFails("ghost", WRONG);
        Secret newPassword = Secret.of("a brand new password");
        Session renewed = fx.authenticator.changeOwnPassword(session, RIGHT, newPassword, SOURCE);
        fx.authenticator.logout(renewed.token(), SOURCE);
        assertThatThrownBy(() -> fx.authenticator.resume(session.token(), SOURCE));
        IssuedJoinToken joinToken = fx.joinTokens.create(AuthFixture.ADMIN, Duration.ofHours(1));

        String[] secrets = {RIGHT.reveal(), WRONG.reveal(), newPassword.reveal(), session.token().reveal(),
                renewed.token().reveal(), tokenPart(session.token(), 0), tokenPart(session.token(), 1),
                joinToken.token().reveal(), joinToken.token().reveal().substring(12)};
        assertThat(fx.auditRows()).hasSizeGreaterThan(6).allSatisfy(row -> {
            var e = row.event();
            for (String field : new String[] {e.actor(), e.action(), e.target(), e.sourceAddress(), e.detail()}) {
                assertThat(field).doesNotContain(secrets);
            }
        });
    }

    private void assertLoginFails(String username, Secret password) {
        assertThatThrownBy(() -> fx.authenticator.login(username, password, SOURCE))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage(Authenticator.LOGIN_FAILED);
    }

    private void failTimes(int times) {
        for (int i = 0; i < times; i++) {
            assertLoginFails("alice", WRONG);
        }
    }

    private long bcryptChecksFor(Runnable action) {
        long before = fx.hasher.verifications();
        action.run();
        return fx.hasher.verifications() - before;
    }

    private static Secret flipFirstMacCharacter(Secret token) {
        String text = token.reveal();
        // The first MAC character carries six whole bits of the MAC, so changing it always changes the MAC.
        int at = text.indexOf('.') + 1;
        char flipped = text.charAt(at) == 'A' ? 'B' : 'A';
        return Secret.of(text.substring(0, at) + flipped + text.substring(at + 1));
    }

    private static String tokenPart(Secret token, int part) {
        return token.reveal().split("\\.")[part];
    }
}
