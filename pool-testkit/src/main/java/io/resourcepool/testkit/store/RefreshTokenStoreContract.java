package io.resourcepool.testkit.store;

import static io.resourcepool.testkit.store.StoreSamples.T0;
import static io.resourcepool.testkit.store.StoreSamples.at;
import static io.resourcepool.testkit.store.StoreSamples.session;
import static io.resourcepool.testkit.store.StoreSamples.sha256;
import static io.resourcepool.testkit.store.StoreSamples.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.StoreException;
import io.resourcepool.api.spi.store.CredentialStore;
import io.resourcepool.api.spi.store.RefreshTokenRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Refresh tokens: stored by hash, spent once, ended a family at a time with the sessions issued with them. */
public abstract class RefreshTokenStoreContract extends StoreFixture {

    /**
     * Tests the given implementation.
     *
     * @param subject how to make the stores under test
     */
    protected RefreshTokenStoreContract(StoreUnderTest subject) {
        super(subject);
    }

    private CredentialStore credentials() {
        return store().credentials();
    }

    /** A token of a family, issued at T0 with the session {@code access} (which this also stores). */
    private RefreshTokenRecord issue(String token, String family, String username, String access) {
        credentials().createSession(session(access, username, T0));
        RefreshTokenRecord record = RefreshTokenRecord.issued(sha256(token), family, username, sha256(access), T0,
                T0.plus(Duration.ofHours(12)), T0.plus(Duration.ofDays(7)));
        credentials().createRefreshToken(record);
        return record;
    }

    @Test
    void refreshTokenIsFoundByItsHashAndByItsSession() {
        credentials().createUser(user("alice"));
        RefreshTokenRecord token = issue("r1", "family-1", "alice", "a1");

        assertThat(credentials().findRefreshToken(sha256("r1"))).contains(token);
        assertThat(credentials().findRefreshTokenIssuedWith(sha256("a1"))).contains(token);
        assertThat(credentials().findRefreshToken(sha256("r2"))).isEmpty();
        assertThat(credentials().findRefreshTokenIssuedWith(sha256("a2"))).isEmpty();
    }

    @Test
    void refreshTokenOfAnUnknownUserOrOfAKnownHashIsRefused() {
        credentials().createUser(user("alice"));
        issue("r1", "family-1", "alice", "a1");

        assertThatThrownBy(() -> credentials().createRefreshToken(RefreshTokenRecord.issued(sha256("r2"), "family-2", "ghost",
                sha256("a2"), T0, at(1), at(2)))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> credentials().createRefreshToken(RefreshTokenRecord.issued(sha256("r1"), "family-3", "alice",
                sha256("a3"), T0, at(1), at(2)))).isInstanceOf(StoreException.class);
        assertThat(credentials().findRefreshToken(sha256("r1"))).map(RefreshTokenRecord::familyId).contains("family-1");
    }

    @Test
    void refreshTokenIsSpentOnlyOnce() {
        credentials().createUser(user("alice"));
        issue("r1", "family-1", "alice", "a1");

        assertThat(credentials().spendRefreshToken(sha256("r1"), at(10))).isTrue();
        assertThat(credentials().spendRefreshToken(sha256("r1"), at(20))).isFalse();
        assertThat(credentials().spendRefreshToken(sha256("unknown"), at(20))).isFalse();

        assertThat(credentials().findRefreshToken(sha256("r1")).orElseThrow().spentAt()).contains(at(10));
    }

    @Test
    void ofManyRacingSpendsOfOneTokenExactlyOneWins() throws Exception {
        credentials().createUser(user("alice"));
        issue("r1", "family-1", "alice", "a1");
        Callable<Boolean> spend = () -> credentials().spendRefreshToken(sha256("r1"), at(10));

        List<Future<Boolean>> results;
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            results = IntStream.range(0, 16).mapToObj(i -> threads.submit(spend)).toList();
        }

        long winners = 0;
        for (Future<Boolean> result : results) {
            winners += result.get() ? 1 : 0;
        }
        assertThat(winners).isEqualTo(1);
    }

    @Test
    void endingAFamilyRevokesEachOfItsTokensAndEndsTheirSessionsOnly() {
        credentials().createUser(user("alice"));
        issue("r1", "family-1", "alice", "a1");
        credentials().spendRefreshToken(sha256("r1"), at(5));
        issue("r2", "family-1", "alice", "a2");
        issue("other", "family-2", "alice", "a-other");

        int ended = credentials().endRefreshFamily("family-1", at(10));

        assertThat(ended).isEqualTo(2);
        assertThat(credentials().findRefreshToken(sha256("r1")).orElseThrow().revokedAt()).contains(at(10));
        assertThat(credentials().findRefreshToken(sha256("r2")).orElseThrow().revokedAt()).contains(at(10));
        assertThat(credentials().findSession(sha256("a1")).orElseThrow().revokedAt()).contains(at(10));
        assertThat(credentials().findSession(sha256("a2")).orElseThrow().revokedAt()).contains(at(10));
        assertThat(credentials().findRefreshToken(sha256("other")).orElseThrow().revokedAt()).isEmpty();
        assertThat(credentials().findSession(sha256("a-other")).orElseThrow().revokedAt()).isEmpty();
        assertThat(credentials().spendRefreshToken(sha256("r2"), at(11))).isFalse();
    }

    @Test
    void endingAFamilyAgainChangesNothing() {
        credentials().createUser(user("alice"));
        issue("r1", "family-1", "alice", "a1");
        credentials().endRefreshFamily("family-1", at(10));

        assertThat(credentials().endRefreshFamily("family-1", at(20))).isZero();
        assertThat(credentials().findRefreshToken(sha256("r1")).orElseThrow().revokedAt()).contains(at(10));
    }

    @Test
    void revokingAUsersSessionsRevokesTheirRefreshTokensOnly() {
        credentials().createUser(user("alice"));
        credentials().createUser(user("bob"));
        issue("ra", "family-a", "alice", "a1");
        issue("rb", "family-b", "bob", "b1");

        credentials().revokeSessionsOf("alice", at(10));

        assertThat(credentials().findRefreshToken(sha256("ra")).orElseThrow().revokedAt()).contains(at(10));
        assertThat(credentials().spendRefreshToken(sha256("ra"), at(11))).isFalse();
        assertThat(credentials().findRefreshToken(sha256("rb")).orElseThrow().revokedAt()).isEmpty();
    }

    @Test
    void revokingAUsersRefreshTokensLeavesTheirSessionsAndOthersTokens() {
        credentials().createUser(user("alice"));
        credentials().createUser(user("bob"));
        issue("ra1", "family-a", "alice", "a1");
        issue("ra2", "family-a2", "alice", "a2");
        issue("rb", "family-b", "bob", "b1");

        assertThat(credentials().revokeRefreshTokensOf("alice", at(10))).isEqualTo(2);
        assertThat(credentials().revokeRefreshTokensOf("alice", at(20))).isZero();

        assertThat(credentials().findRefreshToken(sha256("ra1")).orElseThrow().revokedAt()).contains(at(10));
        assertThat(credentials().findRefreshToken(sha256("ra2")).orElseThrow().revokedAt()).contains(at(10));
        assertThat(credentials().findSession(sha256("a1")).orElseThrow().revokedAt()).isEmpty();
        assertThat(credentials().findRefreshToken(sha256("rb")).orElseThrow().revokedAt()).isEmpty();
    }

    @Test
    void deletingAUserRemovesTheirRefreshTokensOnly() {
        credentials().createUser(user("alice"));
        credentials().createUser(user("bob"));
        issue("ra", "family-a", "alice", "a1");
        issue("rb", "family-b", "bob", "b1");

        credentials().deleteUser("alice");

        assertThat(credentials().findRefreshToken(sha256("ra"))).isEmpty();
        assertThat(credentials().findRefreshToken(sha256("rb"))).isPresent();
    }

    @Test
    void pruningForgetsTokensOfEndedFamiliesAndKeepsSpentOnesOfALiveFamily() {
        credentials().createUser(user("alice"));
        issue("spent", "live-family", "alice", "a1");
        credentials().spendRefreshToken(sha256("spent"), at(5));
        issue("revoked", "revoked-family", "alice", "a2");
        credentials().endRefreshFamily("revoked-family", at(10));
        credentials().createSession(session("a3", "alice", T0));
        Instant longAgo = T0.minus(Duration.ofDays(30));
        credentials().createRefreshToken(new RefreshTokenRecord(sha256("old"), "old-family", "alice", sha256("a3"), longAgo,
                longAgo.plus(Duration.ofHours(1)), longAgo.plus(Duration.ofDays(7)), Optional.empty(), Optional.empty()));

        int pruned = credentials().pruneRefreshTokens(at(100), 100);

        assertThat(pruned).isEqualTo(2);
        assertThat(credentials().findRefreshToken(sha256("spent"))).isPresent();
        assertThat(credentials().findRefreshToken(sha256("revoked"))).isEmpty();
        assertThat(credentials().findRefreshToken(sha256("old"))).isEmpty();
    }
}
