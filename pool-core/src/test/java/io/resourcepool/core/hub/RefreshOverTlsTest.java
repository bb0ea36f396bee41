package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.AuditEntry;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.core.auth.AuthConfig;
import io.resourcepool.core.auth.Authenticator;
import io.resourcepool.core.client.PoolClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refresh tokens over the binary protocol, on a hub with real TLS: REFRESH renews, a replayed token ends the family. */
class RefreshOverTlsTest {
    private static final Secret DANA_PASSWORD = Secret.of("dana-password-1");

    @TempDir
    Path dataDir;

    private TlsHubFixture fixture;

    @BeforeEach
    void startHubWithDana() {
        fixture = TlsHubFixture.start(dataDir);
        try (PoolClient admin = fixture.admin()) {
            admin.admin().addUser("dana", Role.COMPUTE_USER, DANA_PASSWORD);
        }
    }

    @AfterEach
    void stopHub() throws Exception {
        fixture.close();
    }

    @Test
    void anExpiredSessionIsRenewedWithTheRefreshTokenAlone() {
        try (PoolClient dana = fixture.connect().login("dana", DANA_PASSWORD)) {
            Secret refresh = dana.refreshToken().orElseThrow();
            assertThat(dana.refreshExpiresAt()).contains(fixture.clock.instant().plus(AuthConfig.DEFAULT_REFRESH_IDLE_TIMEOUT));
            fixture.clock.advance(AuthConfig.DEFAULT_SESSION_TIMEOUT.plusSeconds(1));
            assertThatThrownBy(dana::nodes).isInstanceOf(AuthenticationException.class).hasMessage(Authenticator.SESSION_EXPIRED);

            try (PoolClient renewed = fixture.connect().refresh(refresh)) {
                assertThat(renewed.nodes()).isEmpty();
                assertThat(renewed.username()).contains("dana");
                assertThat(renewed.refreshToken().orElseThrow().matches(refresh)).isFalse();
                assertThat(renewed.sessionExpiresAt()).contains(fixture.clock.instant().plus(AuthConfig.DEFAULT_SESSION_TIMEOUT));
            }
        }
    }

    @Test
    void aStolenRefreshTokenReplayedAfterTheOwnerUsedItEndsTheFamilyForBoth() {
        Secret stolen;
        try (PoolClient login = fixture.connect().login("dana", DANA_PASSWORD)) {
            stolen = login.refreshToken().orElseThrow();
        }
        try (PoolClient owner = fixture.connect().refresh(stolen)) {
            assertThat(owner.nodes()).isEmpty();
            Secret ownersNext = owner.refreshToken().orElseThrow();

            assertThatThrownBy(() -> fixture.connect().refresh(stolen))
                    .isInstanceOf(AuthenticationException.class).hasMessage(Authenticator.REFRESH_FAILED);

            assertThatThrownBy(owner::nodes).isInstanceOf(AuthenticationException.class).hasMessage(Authenticator.SESSION_ENDED);
            assertThatThrownBy(() -> fixture.connect().refresh(ownersNext))
                    .isInstanceOf(AuthenticationException.class).hasMessage(Authenticator.REFRESH_FAILED);
        }
        assertThat(fixture.store.audit().list(AuditQuery.latest(200))).extracting(AuditEntry::event)
                .filteredOn(e -> e.action().equals(Authenticator.REFRESH_REUSE)).singleElement()
                .extracting(AuditEvent::actor).isEqualTo("dana");
    }

    @Test
    void logoutEndsTheFamilySoTheRefreshTokenIsRefused() {
        try (PoolClient dana = fixture.connect().login("dana", DANA_PASSWORD)) {
            Secret refresh = dana.refreshToken().orElseThrow();
            dana.logout();

            assertThatThrownBy(() -> fixture.connect().refresh(refresh)).isInstanceOf(AuthenticationException.class);
        }
    }

    @Test
    void aResumedSessionCarriesNoRefreshToken() {
        try (PoolClient dana = fixture.connect().login("dana", DANA_PASSWORD);
                PoolClient again = fixture.connect().resume(dana.sessionToken().orElseThrow())) {
            assertThat(again.refreshToken()).isEmpty();
            assertThat(again.refreshExpiresAt()).isEmpty();
            fixture.clock.advance(Duration.ofMinutes(1));
            assertThat(again.nodes()).isEmpty();
        }
    }
}
