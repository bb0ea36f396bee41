package io.resourcepool.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.core.auth.MfaSetup;
import io.resourcepool.core.client.PoolClient;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session over HTTPS in which things go wrong (a mistyped password, a password of the wrong type, a forged and a
 * logged-out token, a second factor) leaves no password, token, join token or one-time code in the log, the audit
 * rows, the error answers or the metrics. The log is caught by teeing System.err, where slf4j-simple writes.
 */
class NoSecretOverHttpTest {
    private static final Secret DANA_PASSWORD = Secret.of("dana-Secret-Passw0rd");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void teeTheLog() {
        originalErr = System.err;
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                originalErr.write(b);
                log.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                originalErr.write(bytes, offset, length);
                log.write(bytes, offset, length);
            }
        }, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreTheLog() {
        System.setErr(originalErr);
    }

    @Test
    void noSecretShowsInTheLogTheAuditRowsTheErrorsOrTheMetrics() throws Exception {
        List<String> secrets = new ArrayList<>(List.of(GatewayFixture.ADMIN_PASSWORD.reveal(), DANA_PASSWORD.reveal(), "dana-Secret-Passw0rX"));
        List<Reply> errors = new ArrayList<>();
        String scrape;
        List<String> audit;
        // the limit on failed logins per address is raised so that every refusal below is heard out, not answered 429
        try (GatewayFixture pool = GatewayFixture.start(dir, c -> c.withRateLimits(
                io.resourcepool.core.auth.RateLimits.defaults().withLoginFailures(100, java.time.Duration.ofMinutes(15))), s -> s)) {
            pool.startWorker("secret-w", Map.of());
            pool.addUser("dana", Role.COMPUTE_USER, DANA_PASSWORD);
            MfaSetup mfa;
            try (PoolClient admin = pool.admin()) {
                mfa = admin.mfa().enable("dana");
            }
            mfa.recoveryCodes().forEach(code -> secrets.add(code.reveal()));
            secrets.add(mfa.base32Seed().reveal());
            String admin = pool.adminToken();
            secrets.add(admin);
            errors.add(pool.post("/v1/auth/mfa", admin, "{\"currentPassword\":\"admin-Wr0ng-Passw0rd\"}"));
            secrets.add("admin-Wr0ng-Passw0rd");
            Reply own = pool.post("/v1/auth/mfa", admin, "{\"currentPassword\":\"" + GatewayFixture.ADMIN_PASSWORD.reveal() + "\"}");
            assertThat(own.status()).as(own.toString()).isEqualTo(200);
            secrets.add(own.json().path("secret").asText());
            own.json().path("recoveryCodes").forEach(code -> secrets.add(code.asText()));

            errors.add(pool.post("/v1/auth/login", "", "{\"username\":\"dana\",\"password\":\"dana-Secret-Passw0rX\"}"));
            errors.add(pool.post("/v1/auth/login", "", "{\"username\":\"dana\",\"password\":\"" + DANA_PASSWORD.reveal() + "\"}"));
            errors.add(pool.post("/v1/auth/login", "", "{\"username\":\"dana\",\"password\":{\"nested\":\"" + DANA_PASSWORD.reveal() + "\"}}"));
            errors.add(pool.post("/v1/auth/login", "", "{\"username\":\"dana\",\"password\":\"" + DANA_PASSWORD.reveal() + "\",\"code\":\"000000\"}"));
            Reply dana = pool.post("/v1/auth/login", "", "{\"username\":\"dana\",\"password\":\"" + DANA_PASSWORD.reveal() + "\",\"code\":\""
                    + mfa.recoveryCodes().get(0).reveal() + "\"}");
            String token = dana.json().path("token").asText();
            secrets.add(token);
            assertThat(pool.post("/v1/run", token, "{\"command\":[\"true\"]}").status()).isEqualTo(200);
            errors.add(pool.post("/v1/run", token, "{\"command\":[\"true\"],\"environment\":{\"PASSWORD\":7}}"));
            Reply joinToken = pool.post("/v1/join-tokens", admin, "{}");
            secrets.add(joinToken.json().path("token").asText());
            errors.add(pool.get("/v1/join-tokens", token));
            assertThat(pool.postEmpty("/v1/auth/logout", token).status()).isEqualTo(204);
            errors.add(pool.get("/v1/aggregate", token));
            errors.add(pool.get("/v1/aggregate", "forged." + token));
            errors.add(pool.get("/v1/aggregate?token=" + admin, admin));
            scrape = pool.get("/metrics", admin).body();
            audit = pool.store.audit().list(AuditQuery.latest(1000)).stream().map(Object::toString).toList();
        }

        assertThat(errors).allSatisfy(reply -> assertThat(reply.status()).as(reply.toString()).isGreaterThanOrEqualTo(400));
        String everything = String.join("\n", log.toString(StandardCharsets.UTF_8), scrape, String.join("\n", audit),
                String.join("\n", errors.stream().map(Reply::toString).toList()));
        for (String secret : secrets) {
            assertThat(everything).as("a secret of " + secret.length() + " characters").doesNotContain(secret);
        }
        assertThat(audit).as("the audit log saw the session").anyMatch(row -> row.contains("login.failed"));
    }
}
