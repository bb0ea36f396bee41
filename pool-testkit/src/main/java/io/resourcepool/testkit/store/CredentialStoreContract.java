package io.resourcepool.testkit.store;

import static io.resourcepool.testkit.store.StoreSamples.T0;
import static io.resourcepool.testkit.store.StoreSamples.at;
import static io.resourcepool.testkit.store.StoreSamples.session;
import static io.resourcepool.testkit.store.StoreSamples.sha256;
import static io.resourcepool.testkit.store.StoreSamples.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.Role;
import io.resourcepool.api.StoreException;
import io.resourcepool.api.spi.store.CredentialStore;
import io.resourcepool.api.spi.store.SessionRecord;
import io.resourcepool.api.spi.store.UserAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Users, failed-login counting and locks, and sessions by token hash. */
public abstract class CredentialStoreContract extends StoreFixture {

    /**
     * Tests the given implementation.
     *
     * @param subject how to make the stores under test
     */
    protected CredentialStoreContract(StoreUnderTest subject) {
        super(subject);
    }

    private CredentialStore credentials() {
        return store().credentials();
    }

    @Test
    void createdUserIsFoundWithEveryField() {
        UserAccount alice = new UserAccount("alice", Role.ADMIN, "$2a$12$abc", 2, Optional.of(at(5_000)), at(1), true);

        assertThat(credentials().createUser(alice)).isTrue();

        assertThat(credentials().findUser("alice")).contains(alice);
    }

    @Test
    void secondUserOfTheSameNameIsRefusedAndTheFirstKept() {
        credentials().createUser(user("bob"));

        boolean created = credentials().createUser(UserAccount.create("bob", Role.ADMIN, "other", T0));

        assertThat(created).isFalse();
        assertThat(credentials().findUser("bob")).contains(user("bob"));
    }

    @Test
    void namesDifferingInCaseOrTrailingSpaceAreDifferentUsers() {
        assertThat(credentials().createUser(user("carol"))).isTrue();
        assertThat(credentials().createUser(user("Carol"))).isTrue();
        assertThat(credentials().createUser(user("carol "))).isTrue();

        assertThat(credentials().listUsers()).extracting(UserAccount::username).containsExactly("Carol", "carol", "carol ");
    }

    @Test
    void unknownUserIsNotFound() {
        assertThat(credentials().findUser("nobody")).isEmpty();
    }

    @Test
    void usersAreListedByName() {
        credentials().createUser(user("mallory"));
        credentials().createUser(user("alice"));
        credentials().createUser(user("dave"));

        assertThat(credentials().listUsers()).extracting(UserAccount::username).containsExactly("alice", "dave", "mallory");
    }

    @Test
    void passwordHashIsReplaced() {
        credentials().createUser(user("alice"));

        assertThat(credentials().updatePasswordHash("alice", "$2a$12$new")).isTrue();

        assertThat(credentials().findUser("alice")).map(UserAccount::passwordHash).contains("$2a$12$new");
    }

    @Test
    void aResetPasswordRequiresAChangeWhichTheUsersOwnNewPasswordEnds() {
        credentials().createUser(user("alice"));

        assertThat(credentials().resetPasswordHash("alice", "$2a$12$reset")).isTrue();
        assertThat(credentials().findUser("alice").orElseThrow())
                .satisfies(u -> assertThat(u.passwordHash()).isEqualTo("$2a$12$reset"))
                .satisfies(u -> assertThat(u.passwordChangeRequired()).isTrue());

        credentials().updatePasswordHash("alice", "$2a$12$chosen");
        assertThat(credentials().findUser("alice").orElseThrow().passwordChangeRequired()).isFalse();
        assertThat(credentials().resetPasswordHash("ghost", "x")).isFalse();
    }

    @Test
    void roleIsChanged() {
        credentials().createUser(user("alice"));

        assertThat(credentials().updateRole("alice", Role.VIEWER)).isTrue();

        assertThat(credentials().findUser("alice")).map(UserAccount::role).contains(Role.VIEWER);
    }

    @Test
    void changesToAnUnknownUserReportFalse() {
        assertThat(credentials().updatePasswordHash("ghost", "x")).isFalse();
        assertThat(credentials().updateRole("ghost", Role.ADMIN)).isFalse();
        assertThat(credentials().unlock("ghost")).isFalse();
        assertThat(credentials().deleteUser("ghost")).isFalse();
        assertThat(credentials().recordFailedLogin("ghost", 3, at(60_000))).isEmpty();
    }

    @Test
    void deletingAUserRemovesThemAndTheirSessionsOnly() {
        credentials().createUser(user("alice"));
        credentials().createUser(user("bob"));
        credentials().createSession(session("t-alice", "alice", T0));
        credentials().createSession(session("t-bob", "bob", T0));

        assertThat(credentials().deleteUser("alice")).isTrue();

        assertThat(credentials().findUser("alice")).isEmpty();
        assertThat(credentials().findSession(sha256("t-alice"))).isEmpty();
        assertThat(credentials().findSession(sha256("t-bob"))).isPresent();
    }

    @Test
    void failedLoginsCountUpThenLockAndStartAgainFromZero() {
        credentials().createUser(user("alice"));
        Instant lockEnd = at(15 * 60_000);

        assertThat(credentials().recordFailedLogin("alice", 3, lockEnd).orElseThrow().failedLogins()).isEqualTo(1);
        assertThat(credentials().recordFailedLogin("alice", 3, lockEnd).orElseThrow().failedLogins()).isEqualTo(2);
        UserAccount locked = credentials().recordFailedLogin("alice", 3, lockEnd).orElseThrow();

        assertThat(locked.failedLogins()).isZero();
        assertThat(locked.lockedUntil()).contains(lockEnd);
        assertThat(credentials().findUser("alice")).contains(locked);
    }

    @Test
    void clearingFailedLoginsResetsTheCount() {
        credentials().createUser(user("alice"));
        credentials().recordFailedLogin("alice", 5, at(60_000));
        credentials().recordFailedLogin("alice", 5, at(60_000));

        credentials().clearFailedLogins("alice");

        assertThat(credentials().findUser("alice")).map(UserAccount::failedLogins).contains(0);
    }

    @Test
    void unlockLiftsTheLockAndClearsTheCount() {
        credentials().createUser(user("alice"));
        credentials().recordFailedLogin("alice", 1, at(60_000));
        credentials().recordFailedLogin("alice", 5, at(60_000));

        assertThat(credentials().unlock("alice")).isTrue();

        UserAccount after = credentials().findUser("alice").orElseThrow();
        assertThat(after.lockedUntil()).isEmpty();
        assertThat(after.failedLogins()).isZero();
    }

    @Test
    void concurrentFailedLoginsAreEachCounted() throws Exception {
        credentials().createUser(user("alice"));
        int attempts = 40;

        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            IntStream.range(0, attempts).forEach(i -> threads.submit(() -> credentials().recordFailedLogin("alice", 1000, at(60_000))));
        }

        assertThat(credentials().findUser("alice")).map(UserAccount::failedLogins).contains(attempts);
    }

    @Test
    void sessionIsFoundByItsTokenHash() {
        credentials().createUser(user("alice"));
        SessionRecord session = session("token-1", "alice", at(10));

        credentials().createSession(session);

        assertThat(credentials().findSession(sha256("token-1"))).contains(session);
        assertThat(credentials().findSession(sha256("token-2"))).isEmpty();
    }

    @Test
    void sessionOfAnUnknownUserIsRefused() {
        assertThatThrownBy(() -> credentials().createSession(session("token-1", "ghost", T0))).isInstanceOf(StoreException.class);
    }

    @Test
    void sessionWithATokenHashAlreadyStoredIsRefused() {
        credentials().createUser(user("alice"));
        credentials().createSession(session("token-1", "alice", T0));

        assertThatThrownBy(() -> credentials().createSession(session("token-1", "alice", at(5)))).isInstanceOf(StoreException.class);
        assertThat(credentials().findSession(sha256("token-1"))).map(SessionRecord::createdAt).contains(T0);
    }

    @Test
    void sessionIsRevokedOnceAndKeepsItsRevocationTime() {
        credentials().createUser(user("alice"));
        credentials().createSession(session("token-1", "alice", T0));

        assertThat(credentials().revokeSession(sha256("token-1"), at(100))).isTrue();
        assertThat(credentials().revokeSession(sha256("token-1"), at(200))).isFalse();
        assertThat(credentials().revokeSession(sha256("unknown"), at(200))).isFalse();

        SessionRecord revoked = credentials().findSession(sha256("token-1")).orElseThrow();
        assertThat(revoked.revokedAt()).contains(at(100));
        assertThat(revoked.isValidAt(at(150))).isFalse();
    }

    @Test
    void revokingAUsersSessionsEndsOnlyTheirLiveOnes() {
        credentials().createUser(user("alice"));
        credentials().createUser(user("bob"));
        credentials().createSession(session("a1", "alice", T0));
        credentials().createSession(session("a2", "alice", T0));
        credentials().createSession(session("a-old", "alice", T0.minus(Duration.ofHours(2))));
        credentials().createSession(session("b1", "bob", T0));
        credentials().revokeSession(sha256("a2"), at(1));

        int ended = credentials().revokeSessionsOf("alice", at(10));

        assertThat(ended).isEqualTo(1);
        assertThat(credentials().findSession(sha256("a1")).orElseThrow().revokedAt()).contains(at(10));
        assertThat(credentials().findSession(sha256("a2")).orElseThrow().revokedAt()).contains(at(1));
        assertThat(credentials().findSession(sha256("b1")).orElseThrow().revokedAt()).isEmpty();
    }

    @Test
    void expiredSessionsAreForgottenAndLiveOnesKept() {
        credentials().createUser(user("alice"));
        credentials().createSession(session("old", "alice", T0.minus(Duration.ofHours(3))));
        credentials().createSession(session("older", "alice", T0.minus(Duration.ofHours(5))));
        credentials().createSession(session("live", "alice", T0));

        assertThat(credentials().deleteExpiredSessions(at(1))).isEqualTo(2);

        assertThat(credentials().findSession(sha256("old"))).isEmpty();
        assertThat(credentials().findSession(sha256("live"))).isPresent();
    }
}
