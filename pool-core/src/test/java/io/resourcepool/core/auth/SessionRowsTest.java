package io.resourcepool.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A resume through the wired services reads a session's rows once and then spares the reads, but never outlives a
 * change: every logout, revocation, role change, password reset, removal and expiry applies to the very next resume.
 */
class SessionRowsTest {
    private static final Secret PASSWORD = Secret.of("correct horse battery");
    private static final String SOURCE = AuthFixture.SOURCE;

    private final AuthFixture fx = new AuthFixture();
    private final AuthServices auth = AuthServices.over(fx.countingStore, fx.config, fx.hasher, SessionKey.inMemory(), SeedVault.inMemory(), fx.clock);

    @AfterEach
    void close() {
        auth.close();
        fx.close();
    }

    private Session loggedIn(String name, Role role) {
        assertThat(auth.users().createUser(AuthFixture.ADMIN, name, role, PASSWORD)).isTrue();
        return auth.authenticator().login(name, PASSWORD, SOURCE);
    }

    private Session resumed(Session session) {
        return auth.authenticator().resume(session.token(), SOURCE);
    }

    private void assertRefused(Session session) {
        assertThatThrownBy(() -> resumed(session)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void resumingASessionAgainReadsNoRowWhileNothingWasWritten() {
        Session session = loggedIn("alice", Role.COMPUTE_USER);
        resumed(session);
        long sessionReads = fx.calls("findSession");
        long userReads = fx.calls("findUser");

        for (int i = 0; i < 5; i++) {
            assertThat(resumed(session).username()).isEqualTo("alice");
        }

        assertThat(fx.calls("findSession")).isEqualTo(sessionReads);
        assertThat(fx.calls("findUser")).isEqualTo(userReads);
    }

    @Test
    void aWriteOfAnyCredentialMakesTheNextResumeReadTheStoreAgain() {
        Session session = loggedIn("alice", Role.COMPUTE_USER);
        resumed(session);
        long sessionReads = fx.calls("findSession");

        loggedIn("bob", Role.COMPUTE_USER);
        resumed(session);

        assertThat(fx.calls("findSession")).isGreaterThan(sessionReads);
    }

    @Test
    void aLogoutEndsAKeptSessionAtOnce() {
        Session session = loggedIn("alice", Role.COMPUTE_USER);
        resumed(session);

        assertThat(auth.authenticator().logout(session.token(), SOURCE)).isTrue();

        assertRefused(session);
    }

    @Test
    void anAdminsRevocationEndsAKeptSessionAtOnce() {
        Session session = loggedIn("alice", Role.COMPUTE_USER);
        resumed(session);

        auth.users().revokeSessions(AuthFixture.ADMIN, "alice");

        assertRefused(session);
    }

    @Test
    void aRoleChangeAppliesToTheNextResumeOfAKeptSession() {
        Session session = loggedIn("alice", Role.COMPUTE_USER);
        assertThat(resumed(session).role()).isEqualTo(Role.COMPUTE_USER);

        assertThat(auth.users().changeRole(AuthFixture.ADMIN, "alice", Role.VIEWER)).isTrue();

        assertThat(resumed(session).role()).isEqualTo(Role.VIEWER);
    }

    @Test
    void aPasswordResetEndsAKeptSessionAtOnce() {
        Session session = loggedIn("alice", Role.COMPUTE_USER);
        resumed(session);

        auth.users().resetPassword(AuthFixture.ADMIN, "alice", Secret.of("temporary horse battery"));

        assertRefused(session);
    }

    @Test
    void removingTheUserEndsAKeptSessionAtOnce() {
        Session session = loggedIn("alice", Role.COMPUTE_USER);
        resumed(session);

        auth.users().removeUser(AuthFixture.ADMIN, "alice");

        assertRefused(session);
    }

    @Test
    void aKeptSessionStillExpiresOnTime() {
        Session session = loggedIn("alice", Role.COMPUTE_USER);
        resumed(session);

        fx.clock.advance(fx.config.sessionTimeout().plus(Duration.ofSeconds(1)));

        assertRefused(session);
    }
}
