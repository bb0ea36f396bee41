package io.resourcepool.http;

import static io.resourcepool.http.OpenApiContract.assertDocumented;
import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.core.auth.AuthConfig;
import io.resourcepool.core.auth.MfaSetup;
import io.resourcepool.core.auth.RateLimits;
import io.resourcepool.core.client.PoolClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logging in and out over HTTPS, and the session checks the hub makes on every request: expiry (on a manual
 * clock), logout and revocation taking effect on the very next request, refused credentials, and the per-address
 * limit answered 429 with Retry-After.
 */
class ApiAuthTest {
    private static final Secret ALICE_PASSWORD = Secret.of("alice-password-1");

    @TempDir
    Path dir;

    private GatewayFixture pool;

    @BeforeEach
    void start() {
        pool = GatewayFixture.start(dir, hub -> hub.withRateLimits(RateLimits.defaults().withLoginFailures(3, Duration.ofMinutes(15))),
                UnaryOperator.identity());
        pool.addUser("alice", Role.COMPUTE_USER, ALICE_PASSWORD);
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    private Reply login(String user, String password) {
        return pool.post("/v1/auth/login", "", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    }

    @Test
    void loginAnswersABearerTokenThatOpensTheApiUntilItsExpiry() {
        Reply reply = login("alice", ALICE_PASSWORD.reveal());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertDocumented("POST", "/v1/auth/login", reply);
        assertThat(reply.json().path("tokenType").asText()).isEqualTo("Bearer");
        assertThat(reply.json().path("role").asText()).isEqualTo("compute-user");
        assertThat(Instant.parse(reply.json().path("expiresAt").asText())).isEqualTo(pool.clock.instant().plus(AuthConfig.DEFAULT_SESSION_TIMEOUT));
        assertThat(pool.get("/v1/aggregate", reply.json().path("token").asText()).status()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        Reply wrong = login("alice", "not-her-password");
        Reply unknown = login("nobody-here", "not-her-password");

        assertThat(wrong.status()).isEqualTo(401);
        assertDocumented("POST", "/v1/auth/login", wrong);
        assertThat(wrong.json().path("detail")).isEqualTo(unknown.json().path("detail"));
        assertThat(wrong.problemKind()).isEqualTo(unknown.problemKind()).isEqualTo("unauthenticated");
        assertThat(wrong.header("WWW-Authenticate")).contains("Bearer realm=\"resourcepool\"");
        assertThat(wrong.body()).doesNotContain("not-her-password");
    }

    @Test
    void aUserWithASecondFactorIsAskedForTheCodeAndLogsInWithIt() {
        MfaSetup setup;
        try (PoolClient admin = pool.admin()) {
            setup = admin.mfa().enable("alice");
        }

        Reply withoutCode = login("alice", ALICE_PASSWORD.reveal());
        Reply withCode = pool.post("/v1/auth/login", "", "{\"username\":\"alice\",\"password\":\"" + ALICE_PASSWORD.reveal()
                + "\",\"code\":\"" + setup.recoveryCodes().get(0).reveal() + "\"}");

        assertThat(withoutCode.status()).isEqualTo(401);
        assertThat(withoutCode.problemKind()).isEqualTo("code-required");
        assertThat(withCode.status()).as(withCode.toString()).isEqualTo(200);
    }

    @Test
    void logoutEndsTheSessionOnTheVeryNextRequest() {
        String token = pool.login("alice", ALICE_PASSWORD);
        assertThat(pool.get("/v1/nodes", token).status()).isEqualTo(200);

        Reply logout = pool.postEmpty("/v1/auth/logout", token);

        assertThat(logout.status()).isEqualTo(204);
        assertDocumented("POST", "/v1/auth/logout", logout);
        Reply after = pool.get("/v1/nodes", token);
        assertThat(after.status()).isEqualTo(401);
        assertDocumented("GET", "/v1/nodes", after);
    }

    @Test
    void aSessionRevokedByAnAdminIsRefusedOnTheVeryNextRequest() {
        String token = pool.login("alice", ALICE_PASSWORD);
        assertThat(pool.get("/v1/aggregate", token).status()).isEqualTo(200);

        Reply revoke = pool.postEmpty("/v1/users/alice/revoke-sessions", pool.adminToken());

        assertThat(revoke.status()).isEqualTo(204);
        assertThat(pool.get("/v1/aggregate", token).status()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = pool.login("alice", ALICE_PASSWORD);
        assertThat(pool.get("/v1/aggregate", token).status()).isEqualTo(200);

        pool.clock.advance(Duration.ofHours(1).plusSeconds(1));

        Reply expired = pool.get("/v1/aggregate", token);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.problemKind()).isEqualTo("unauthenticated");
    }

    @Test
    void aRequestWithoutABearerTokenIsRefusedAndToldHowToSendOne() {
        Reply none = pool.get("/v1/nodes", "");
        Reply basic = pool.send(pool.request("/v1/nodes", "").header("Authorization", "Basic YWxpY2U6cGFzc3dvcmQ=").GET().build());
        Reply empty = pool.send(pool.request("/v1/nodes", "").header("Authorization", "Bearer ").GET().build());

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().path("detail").asText()).contains("Authorization: Bearer TOKEN");
        assertThat(none.header("WWW-Authenticate")).isPresent();
        assertThat(basic.status()).isEqualTo(401);
        assertThat(empty.status()).isEqualTo(401);
    }

    @Test
    void aTokenInTheUrlIsRefusedWithoutBeingUsed() {
        String token = pool.login("alice", ALICE_PASSWORD);

        Reply reply = pool.get("/v1/aggregate?access_token=" + token, token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("field").asText()).isEqualTo("access_token");
        assertThat(reply.body()).doesNotContain(token);
    }

    @Test
    void forgedTokensCountAgainstTheAddressUntilItIsAnswered429WithRetryAfter() {
        String kept = pool.login("alice", ALICE_PASSWORD);
        assertThat(pool.get("/v1/aggregate", kept).status()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(pool.get("/v1/aggregate", "forged-token-" + i).status()).isEqualTo(401);
        }

        Reply limited = login("alice", ALICE_PASSWORD.reveal());

        assertThat(limited.status()).isEqualTo(429);
        assertDocumented("POST", "/v1/auth/login", limited);
        long seconds = Long.parseLong(limited.header("Retry-After").orElseThrow());
        assertThat(seconds).isBetween(1L, Duration.ofMinutes(15).toSeconds());
        assertThat(limited.json().path("retryAfterSeconds").asLong()).isEqualTo(seconds);
        // a session already in use from this address goes on being served
        assertThat(pool.get("/v1/aggregate", kept).status()).isEqualTo(200);
    }
}
