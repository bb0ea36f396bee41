package io.resourcepool.core.auth;

import static io.resourcepool.core.auth.AuthFixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.Secret;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JoinTokensTest {
    private static final NodeId NODE = NodeId.of("worker-1");

    private final AuthFixture fx = new AuthFixture();

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void tokenHasAShortPublicIdAnd32SecretBytesAndIsStoredByHashOnly() {
        IssuedJoinToken issued = fx.joinTokens.create(ADMIN, Duration.ofHours(1));

        String text = issued.token().reveal();
        assertThat(text).matches("pj_[a-z2-7]{8}_[A-Za-z0-9_-]{43}");
        assertThat(text.substring(3, 11)).isEqualTo(issued.record().id());
        assertThat(Base64.getUrlDecoder().decode(text.substring(12))).hasSize(32);
        assertThat(issued.record().tokenHash()).isEqualTo(Sha256.hex(issued.token())).doesNotContain(text.substring(12));
        assertThat(issued.record().createdBy()).isEqualTo(ADMIN.name());
        assertThat(issued.record().expiresAt()).isEqualTo(fx.clock.instant().plus(Duration.ofHours(1)));
        assertThat(fx.joinTokens.list()).containsExactly(issued.record());
    }

    @Test
    void tokenRedeemsOnceOnly() {
        Secret token = fx.joinTokens.create(ADMIN, Duration.ofHours(1)).token();

        assertThat(fx.joinTokens.redeem(token, NODE, fx.clock.instant()).usedAt()).isEmpty();

        assertRedeemFails(token);
    }

    @Test
    void expiredTokenFails() {
        Secret token = fx.joinTokens.create(ADMIN, Duration.ofHours(1)).token();

        fx.clock.advance(Duration.ofHours(1));

        assertRedeemFails(token);
    }

    @Test
    void unknownAndMalformedTokensFail() {
        Secret unknown = Secret.of("pj_abcdefgh_" + "A".repeat(43));

        assertRedeemFails(unknown);
        assertRedeemFails(Secret.of("not a token"));
    }

    @Test
    void revokedTokenFails() {
        IssuedJoinToken issued = fx.joinTokens.create(ADMIN, Duration.ofHours(1));

        assertThat(fx.joinTokens.revoke(ADMIN, issued.record().id())).isTrue();

        assertRedeemFails(issued.token());
        assertThat(fx.joinTokens.revoke(ADMIN, issued.record().id())).as("second revoke").isFalse();
    }

    @Test
    void lifetimeMustBePositiveAndAtMostThirtyDays() {
        assertThatThrownBy(() -> fx.joinTokens.create(ADMIN, Duration.ZERO)).hasMessageStartingWith("ttl");
        assertThatThrownBy(() -> fx.joinTokens.create(ADMIN, Duration.ofDays(31))).hasMessageStartingWith("ttl");
        assertThat(fx.joinTokens.create(ADMIN, Duration.ofDays(30)).record().id()).hasSize(8);
    }

    @Test
    void creationIsAuditedByPublicIdOnly() {
        IssuedJoinToken issued = fx.joinTokens.create(ADMIN, Duration.ofHours(1));

        assertThat(fx.auditRows()).singleElement().satisfies(row -> {
            assertThat(row.event().action()).isEqualTo("join-token.created");
            assertThat(row.event().target()).isEqualTo(issued.record().id());
            assertThat(row.event().actor()).isEqualTo(ADMIN.name());
            assertThat(row.event().toString()).doesNotContain(issued.token().reveal().substring(12));
        });
    }

    private void assertRedeemFails(Secret token) {
        assertThatThrownBy(() -> fx.joinTokens.redeem(token, NODE, fx.clock.instant()))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("join token unknown, expired, revoked or already used; ask an admin for a new one");
    }
}
