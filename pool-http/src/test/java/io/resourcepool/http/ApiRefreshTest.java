package io.resourcepool.http;

import static io.resourcepool.http.OpenApiContract.assertDocumented;
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
import io.resourcepool.transport.tls.TlsTransport;
import io.resourcepool.transport.tls.TlsTransportConfig;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/auth/refresh} over HTTPS, on a manual clock: an expired bearer token is renewed with the refresh
 * token alone, and a stolen refresh token replayed after its owner used it (over HTTPS or the binary protocol) ends
 * the family for both, audited.
 */
class ApiRefreshTest {
    private static final Secret ALICE_PASSWORD = Secret.of("alice-password-1");

    @TempDir
    Path dir;

    private GatewayFixture pool;

    @BeforeEach
    void start() {
        pool = GatewayFixture.start(dir);
        pool.addUser("alice", Role.COMPUTE_USER, ALICE_PASSWORD);
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    private Reply login() {
        Reply reply = pool.post("/v1/auth/login", "", "{\"username\":\"alice\",\"password\":\"" + ALICE_PASSWORD.reveal() + "\"}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply;
    }

    private Reply refresh(String refreshToken) {
        return pool.post("/v1/auth/refresh", "", "{\"refreshToken\":\"" + refreshToken + "\"}");
    }

    private static String token(Reply session) {
        return session.json().path("token").asText();
    }

    private static String refreshToken(Reply session) {
        return session.json().path("refreshToken").asText();
    }

    @Test
    void anExpiredBearerTokenIsRenewedWithTheRefreshTokenAlone() {
        Reply login = login();
        assertDocumented("POST", "/v1/auth/login", login);
        assertThat(refreshToken(login)).isNotEmpty();
        assertThat(Instant.parse(login.json().path("refreshExpiresAt").asText()))
                .isEqualTo(pool.clock.instant().plus(AuthConfig.DEFAULT_REFRESH_IDLE_TIMEOUT));
        pool.clock.advance(AuthConfig.DEFAULT_SESSION_TIMEOUT.plusSeconds(1));
        assertThat(pool.get("/v1/aggregate", token(login)).status()).isEqualTo(401);

        Reply renewed = refresh(refreshToken(login));

        assertThat(renewed.status()).as(renewed.toString()).isEqualTo(200);
        assertDocumented("POST", "/v1/auth/refresh", renewed);
        assertThat(renewed.json().path("username").asText()).isEqualTo("alice");
        assertThat(refreshToken(renewed)).isNotEqualTo(refreshToken(login));
        assertThat(pool.get("/v1/aggregate", token(renewed)).status()).isEqualTo(200);
    }

    @Test
    void aStolenRefreshTokenReplayedAfterItsOwnerEndsTheFamilyForBoth() {
        Reply login = login();
        String stolen = refreshToken(login);
        Reply owners = refresh(stolen);
        assertThat(owners.status()).isEqualTo(200);

        Reply replay = refresh(stolen);

        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.problemKind()).isEqualTo("unauthenticated");
        assertThat(replay.json().path("detail").asText()).contains(Authenticator.REFRESH_FAILED);
        assertDocumented("POST", "/v1/auth/refresh", replay);
        assertThat(pool.get("/v1/aggregate", token(owners)).status()).as("the owner's renewed session").isEqualTo(401);
        assertThat(refresh(refreshToken(owners)).status()).as("the owner's next refresh token").isEqualTo(401);
        assertThat(reuseRows()).singleElement().extracting(AuditEvent::actor).isEqualTo("alice");
    }

    @Test
    void aRefreshTokenReplayedOverTheBinaryProtocolEndsTheFamilyRenewedOverHttps() {
        Reply login = login();
        String stolen = refreshToken(login);
        Reply owners = refresh(stolen);

        try (TlsTransport transport = new TlsTransport(TlsTransportConfig.client(pool.ca.trust()))) {
            assertThatThrownBy(() -> PoolClient.connect(transport, pool.hub.address()).refresh(Secret.of(stolen)))
                    .isInstanceOf(AuthenticationException.class).hasMessage(Authenticator.REFRESH_FAILED);
        }

        assertThat(pool.get("/v1/aggregate", token(owners)).status()).isEqualTo(401);
        assertThat(refresh(refreshToken(owners)).status()).isEqualTo(401);
        assertThat(reuseRows()).hasSize(1);
    }

    @Test
    void logoutEndsTheFamilySoItsRefreshTokenIsRefused() {
        Reply login = login();

        assertThat(pool.postEmpty("/v1/auth/logout", token(login)).status()).isEqualTo(204);

        assertThat(refresh(refreshToken(login)).status()).isEqualTo(401);
    }

    @Test
    void aRefreshWithoutItsTokenIsABadRequestNamingTheField() {
        Reply missing = pool.post("/v1/auth/refresh", "", "{}");
        Reply extra = pool.post("/v1/auth/refresh", "", "{\"refreshToken\":\"x\",\"password\":\"y\"}");

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("refreshToken");
        assertDocumented("POST", "/v1/auth/refresh", missing);
        assertThat(extra.status()).isEqualTo(400);
    }

    private java.util.List<AuditEvent> reuseRows() {
        return pool.store.audit().list(AuditQuery.latest(500)).stream().map(AuditEntry::event)
                .filter(e -> e.action().equals(Authenticator.REFRESH_REUSE)).toList();
    }
}
