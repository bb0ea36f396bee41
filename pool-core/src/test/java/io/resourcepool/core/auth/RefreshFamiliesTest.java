package io.resourcepool.core.auth;

import static io.resourcepool.core.auth.AuthFixture.SOURCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.AuditEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Refresh tokens that rotate on every use, on a manual clock. */
class RefreshFamiliesTest {
    private static final Secret RIGHT = Secret.of("correct horse battery");
    private static final String THIEF = "198.51.100.66:40000";

    private final AuthFixture fx = new AuthFixture();

    @BeforeEach
    void addUser() {
        fx.addUser("alice", Role.COMPUTE_USER, RIGHT);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private Secret refreshOf(Session session) {
        return session.refresh().orElseThrow().token();
    }

    @Test
    void loginGivesAShortSessionAndARefreshTokenThatOutlivesIt() {
        Session session = fx.authenticator.login("alice", RIGHT, SOURCE);

        assertThat(session.expiresAt()).isEqualTo(fx.clock.instant().plus(AuthConfig.DEFAULT_SESSION_TIMEOUT));
        assertThat(session.refresh().orElseThrow().expiresAt()).isEqualTo(fx.clock.instant().plus(AuthConfig.DEFAULT_REFRESH_IDLE_TIMEOUT));
        assertThat(fx.store.credentials().findRefreshToken(SessionTokens.hashOf(refreshOf(session)))).isPresent();
    }

    @Test
    void anExpiredSessionIsRenewedByItsRefreshTokenWithoutAPassword() {
        Session first = fx.authenticator.login("alice", RIGHT, SOURCE);
        fx.clock.advance(AuthConfig.DEFAULT_SESSION_TIMEOUT.plusMinutes(1));
        assertThatThrownBy(() -> fx.authenticator.resume(first.token(), SOURCE)).isInstanceOf(AuthenticationException.class);

        Session second = fx.authenticator.refresh(refreshOf(first), SOURCE);

        assertThat(second.username()).isEqualTo("alice");
        assertThat(second.role()).isEqualTo(Role.COMPUTE_USER);
        assertThat(second.token().matches(first.token())).isFalse();
        assertThat(refreshOf(second).matches(refreshOf(first))).isFalse();
        assertThat(fx.authenticator.resume(second.token(), SOURCE).username()).isEqualTo("alice");
        assertThat(second.expiresAt()).isEqualTo(fx.clock.instant().plus(AuthConfig.DEFAULT_SESSION_TIMEOUT));
    }

    @Test
    void theStoreKeepsOnlyTheRefreshTokensHash() {
        Session session = fx.authenticator.login("alice", RIGHT, SOURCE);
        String clear = refreshOf(session).reveal();

        assertThat(fx.store.credentials().findRefreshToken(clear)).isEmpty();
        assertThat(fx.store.credentials().findRefreshToken(SessionTokens.hashOf(refreshOf(session))).orElseThrow().toString())
                .doesNotContain(clear);
    }

    @Test
    void aSpentTokenUsedAgainEndsTheWholeFamilyForBothHoldersAndIsAudited() {
        Session login = fx.authenticator.login("alice", RIGHT, SOURCE);
        Secret stolen = refreshOf(login);
        Session owners = fx.authenticator.refresh(stolen, SOURCE);

        assertThatThrownBy(() -> fx.authenticator.refresh(stolen, THIEF))
                .isInstanceOf(AuthenticationException.class).hasMessage(Authenticator.REFRESH_FAILED);

        assertThatThrownBy(() -> fx.authenticator.resume(owners.token(), SOURCE)).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> fx.authenticator.resume(login.token(), SOURCE)).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> fx.authenticator.refresh(refreshOf(owners), SOURCE))
                .isInstanceOf(AuthenticationException.class).hasMessage(Authenticator.REFRESH_FAILED);
        assertThat(fx.auditRows()).filteredOn(row -> row.event().action().equals(Authenticator.REFRESH_REUSE)).singleElement()
                .extracting(AuditEntry::event).satisfies(event -> {
                    assertThat(event.actor()).isEqualTo("alice");
                    assertThat(event.sourceAddress()).isEqualTo(THIEF);
                    assertThat(event.detail()).contains("ended with 2 live session(s)").doesNotContain(stolen.reveal());
                });
    }

    @Test
    void aThiefWhoRefreshesFirstLosesTheFamilyWhenTheOwnerComesBack() {
        Session login = fx.authenticator.login("alice", RIGHT, SOURCE);
        Session thiefs = fx.authenticator.refresh(refreshOf(login), THIEF);

        assertThatThrownBy(() -> fx.authenticator.refresh(refreshOf(login), SOURCE)).isInstanceOf(AuthenticationException.class);

        assertThatThrownBy(() -> fx.authenticator.resume(thiefs.token(), THIEF)).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> fx.authenticator.refresh(refreshOf(thiefs), THIEF)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void ofManyRacingUsesOfOneTokenNoSessionOutlivesTheFamily() throws Exception {
        Secret token = refreshOf(fx.authenticator.login("alice", RIGHT, SOURCE));
        List<Future<Session>> attempts;
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            attempts = IntStream.range(0, 8).mapToObj(i -> threads.submit(() -> fx.authenticator.refresh(token, SOURCE))).toList();
        }

        List<Session> granted = new ArrayList<>();
        for (Future<Session> attempt : attempts) {
            try {
                granted.add(attempt.get());
            } catch (ExecutionException refused) {
                assertThat(refused.getCause()).isInstanceOf(AuthenticationException.class);
            }
        }
        assertThat(granted).hasSizeLessThanOrEqualTo(1);
        for (Session session : granted) {
            assertThatThrownBy(() -> fx.authenticator.resume(session.token(), SOURCE)).isInstanceOf(AuthenticationException.class);
            assertThatThrownBy(() -> fx.authenticator.refresh(refreshOf(session), SOURCE)).isInstanceOf(AuthenticationException.class);
        }
        assertThat(fx.auditRows()).extracting(row -> row.event().action()).contains(Authenticator.REFRESH_REUSE);
    }

    @Test
    void aRefreshTokenLeftUnusedForTheIdleTimeoutExpires() {
        Session login = fx.authenticator.login("alice", RIGHT, SOURCE);
        fx.clock.advance(AuthConfig.DEFAULT_REFRESH_IDLE_TIMEOUT.minusSeconds(1));
        Session renewed = fx.authenticator.refresh(refreshOf(login), SOURCE);

        fx.clock.advance(AuthConfig.DEFAULT_REFRESH_IDLE_TIMEOUT);

        assertThatThrownBy(() -> fx.authenticator.refresh(refreshOf(renewed), SOURCE))
                .isInstanceOf(AuthenticationException.class).hasMessage(Authenticator.REFRESH_FAILED);
        assertThat(fx.auditRows()).extracting(row -> row.event().action() + " " + row.event().detail())
                .contains("session.refresh-failed expired");
    }

    @Test
    void aFamilyEndsAtItsAbsoluteLifetimeHoweverOftenItIsUsed() {
        Duration lifetime = Duration.ofHours(2);
        Authenticator strict = new Authenticator(fx.store, fx.hasher, fx.tokens, fx.vault,
                fx.config.withRefresh(Duration.ofHours(1), lifetime), fx.clock);
        Session session = strict.login("alice", RIGHT, SOURCE);
        java.time.Instant familyEnd = fx.clock.instant().plus(lifetime);
        for (int i = 0; i < 7; i++) {
            fx.clock.advance(Duration.ofMinutes(16));
            session = strict.refresh(refreshOf(session), SOURCE);
        }
        assertThat(session.expiresAt()).isBeforeOrEqualTo(familyEnd);
        assertThat(session.refresh().orElseThrow().expiresAt()).isEqualTo(familyEnd);

        fx.clock.advance(Duration.ofMinutes(8));
        Secret last = refreshOf(session);

        assertThatThrownBy(() -> strict.refresh(last, SOURCE)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void logoutEndsTheFamilySoItsRefreshTokenNoLongerWorks() {
        Session login = fx.authenticator.login("alice", RIGHT, SOURCE);
        Session renewed = fx.authenticator.refresh(refreshOf(login), SOURCE);

        assertThat(fx.authenticator.logout(login.token(), SOURCE)).isTrue();

        assertThatThrownBy(() -> fx.authenticator.resume(renewed.token(), SOURCE)).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> fx.authenticator.refresh(refreshOf(renewed), SOURCE)).isInstanceOf(AuthenticationException.class);
        assertThat(fx.auditRows()).extracting(row -> row.event().action()).doesNotContain(Authenticator.REFRESH_REUSE);
    }

    @Test
    void anAdminsRevocationARoleChangeAndARemovalEachEndTheUsersFamilies() {
        Session revoked = fx.authenticator.login("alice", RIGHT, SOURCE);
        fx.users.revokeSessions(AuthFixture.ADMIN, "alice");
        assertThatThrownBy(() -> fx.authenticator.refresh(refreshOf(revoked), SOURCE)).isInstanceOf(AuthenticationException.class);

        Session promoted = fx.authenticator.login("alice", RIGHT, SOURCE);
        fx.users.changeRole(AuthFixture.ADMIN, "alice", Role.VIEWER);
        assertThat(fx.authenticator.resume(promoted.token(), SOURCE).role()).isEqualTo(Role.VIEWER);
        assertThatThrownBy(() -> fx.authenticator.refresh(refreshOf(promoted), SOURCE)).isInstanceOf(AuthenticationException.class);

        Session removed = fx.authenticator.login("alice", RIGHT, SOURCE);
        fx.users.removeUser(AuthFixture.ADMIN, "alice");
        assertThatThrownBy(() -> fx.authenticator.refresh(refreshOf(removed), SOURCE)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void aForgedOrSessionTokenIsNotARefreshToken() {
        Session login = fx.authenticator.login("alice", RIGHT, SOURCE);

        assertThatThrownBy(() -> fx.authenticator.refresh(Secret.of("garbage"), SOURCE)).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> fx.authenticator.refresh(login.token(), SOURCE)).isInstanceOf(AuthenticationException.class);
        assertThat(fx.authenticator.refresh(refreshOf(login), SOURCE).username()).isEqualTo("alice");
    }

    @Test
    void aPasswordChangeStartsANewFamilyAndEndsTheOldOne() {
        Session login = fx.authenticator.login("alice", RIGHT, SOURCE);

        Session changed = fx.authenticator.changeOwnPassword(login, RIGHT, Secret.of("a brand new passphrase"), SOURCE);

        assertThatThrownBy(() -> fx.authenticator.refresh(refreshOf(login), SOURCE)).isInstanceOf(AuthenticationException.class);
        assertThat(fx.authenticator.refresh(refreshOf(changed), SOURCE).username()).isEqualTo("alice");
    }
}
