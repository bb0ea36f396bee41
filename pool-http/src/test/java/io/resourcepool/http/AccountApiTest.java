package io.resourcepool.http;

import static io.resourcepool.http.OpenApiContract.assertDocumented;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.core.auth.BreachedPasswords;
import io.resourcepool.core.auth.RateLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One's own account over real HTTPS: setting up and removing one's second factor needs the current password (with
 * the QR code of the new key in the answer), a wrong one is refused, audited and counted like a wrong login, and the
 * hub's password rules (least length, breached list) hold wherever a password is set.
 */
class AccountApiTest {
    private static final Secret MAYA = Secret.of("maya-password-1");
    private static final String BREACHED = "password-123456";

    @TempDir
    Path dir;

    private GatewayFixture pool;

    @AfterEach
    void stop() {
        pool.close();
    }

    private void start(UnaryOperator<io.resourcepool.core.hub.HubConfig> config) {
        pool = GatewayFixture.start(dir, config, UnaryOperator.identity());
        pool.addUser("maya", Role.VIEWER, MAYA);
    }

    private void startTolerant() {
        start(c -> c.withRateLimits(RateLimits.defaults().withLoginFailures(100, Duration.ofMinutes(15))));
    }

    @Test
    void anyoneSetsUpTheirOwnSecondFactorWithTheirPasswordAndGetsItsQrCode() throws Exception {
        startTolerant();
        String maya = pool.login("maya", MAYA);

        Reply wrong = pool.post("/v1/auth/mfa", maya, "{\"currentPassword\":\"not-mayas-password\"}");
        assertThat(wrong.status()).isEqualTo(403);
        assertDocumented("POST", "/v1/auth/mfa", wrong);
        assertThat(wrong.body()).contains("current password is wrong").doesNotContain("not-mayas-password");

        Reply made = pool.post("/v1/auth/mfa", maya, "{\"currentPassword\":\"" + MAYA.reveal() + "\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        assertDocumented("POST", "/v1/auth/mfa", made);
        JsonNode setup = made.json();
        assertThat(setup.path("otpauthUri").asText()).startsWith("otpauth://totp/ResourcePool%3Amaya?secret=" + setup.path("secret").asText());
        assertThat(decode(setup.path("qr"))).isEqualTo(setup.path("otpauthUri").asText());
        assertThat(setup.path("recoveryCodes")).hasSize(10);

        Reply login = pool.post("/v1/auth/login", "", "{\"username\":\"maya\",\"password\":\"" + MAYA.reveal() + "\"}");
        assertThat(login.status()).isEqualTo(401);
        assertThat(login.problemKind()).isEqualTo("code-required");
        assertThat(actions()).containsSubsequence("mfa-setup.failed maya by maya", "user.mfa-enabled maya by maya");
    }

    @Test
    void anyoneRemovesTheirOwnSecondFactorWithTheirPassword() {
        startTolerant();
        String maya = pool.login("maya", MAYA);
        Reply none = pool.post("/v1/auth/mfa/remove", maya, "{\"currentPassword\":\"" + MAYA.reveal() + "\"}");
        assertThat(none.status()).isEqualTo(404);
        assertDocumented("POST", "/v1/auth/mfa/remove", none);
        String code = pool.post("/v1/auth/mfa", maya, "{\"currentPassword\":\"" + MAYA.reveal() + "\"}").json().path("recoveryCodes").get(0).asText();
        String again = pool.post("/v1/auth/login", "", "{\"username\":\"maya\",\"password\":\"" + MAYA.reveal() + "\",\"code\":\"" + code + "\"}")
                .json().path("token").asText();

        assertThat(pool.post("/v1/auth/mfa/remove", again, "{\"currentPassword\":\"wrong-password-1\"}").status()).isEqualTo(403);
        Reply removed = pool.post("/v1/auth/mfa/remove", again, "{\"currentPassword\":\"" + MAYA.reveal() + "\"}");
        assertThat(removed.status()).isEqualTo(204);
        assertDocumented("POST", "/v1/auth/mfa/remove", removed);

        assertThat(pool.login("maya", MAYA)).as("the password alone logs in again").isNotEmpty();
        assertThat(actions()).containsSubsequence("mfa-removal.failed maya by maya", "user.mfa-disabled maya by maya");
    }

    @Test
    void wrongCurrentPasswordsOverHttpLockTheAccount() {
        start(c -> c.withAuth(c.auth().withLockout(2, Duration.ofMinutes(15)))
                .withRateLimits(RateLimits.defaults().withLoginFailures(100, Duration.ofMinutes(15))));
        String maya = pool.login("maya", MAYA);

        assertThat(pool.post("/v1/auth/password", maya, "{\"currentPassword\":\"wrong-password-1\",\"newPassword\":\"maya-new-password\"}").status())
                .isEqualTo(403);
        assertThat(pool.post("/v1/auth/mfa", maya, "{\"currentPassword\":\"wrong-password-2\"}").status()).isEqualTo(403);

        Reply login = pool.post("/v1/auth/login", "", "{\"username\":\"maya\",\"password\":\"" + MAYA.reveal() + "\"}");
        assertThat(login.status()).as("locked: the right password is refused").isEqualTo(401);
        assertThat(actions()).contains("password-change.failed maya by maya", "mfa-setup.failed maya by maya");
    }

    @Test
    void wrongCurrentPasswordsOverHttpCountAsTheAddressesFailedLogins() {
        start(c -> c.withRateLimits(RateLimits.defaults().withLoginFailures(3, Duration.ofMinutes(15))));
        String maya = pool.login("maya", MAYA);
        for (int i = 0; i < 3; i++) {
            assertThat(pool.post("/v1/auth/mfa", maya, "{\"currentPassword\":\"wrong-password-" + i + "\"}").status()).isEqualTo(403);
        }

        Reply limited = pool.post("/v1/auth/mfa", maya, "{\"currentPassword\":\"" + MAYA.reveal() + "\"}");
        assertThat(limited.status()).isEqualTo(429);
        assertDocumented("POST", "/v1/auth/mfa", limited);
        assertThat(pool.post("/v1/auth/login", "", "{\"username\":\"maya\",\"password\":\"" + MAYA.reveal() + "\"}").status()).isEqualTo(429);
    }

    @Test
    void passwordRulesHoldForNewUsersOwnChangesAndResets() throws Exception {
        Path list = Files.writeString(dir.resolve("breached.txt"), BREACHED + "\n" + BreachedPasswords.class.getSimpleName() + "\n");
        start(c -> c.withAuth(c.auth().withPasswordPolicy(new io.resourcepool.core.auth.PasswordPolicy(12, BreachedPasswords.load(list)))));
        String admin = pool.adminToken();
        String maya = pool.login("maya", MAYA);

        Reply shortOne = pool.post("/v1/users", admin, "{\"username\":\"nils\",\"role\":\"viewer\",\"password\":\"eleven-char\"}");
        Reply breachedOne = pool.post("/v1/users", admin, "{\"username\":\"nils\",\"role\":\"viewer\",\"password\":\"" + BREACHED + "\"}");
        Reply ownChange = pool.post("/v1/auth/password", maya, "{\"currentPassword\":\"" + MAYA.reveal() + "\",\"newPassword\":\"" + BREACHED + "\"}");
        Reply reset = pool.post("/v1/users/maya/reset-password", admin, "{\"password\":\"" + BREACHED + "\"}");

        assertThat(shortOne.status()).isEqualTo(400);
        assertThat(shortOne.body()).contains("at least 12 bytes");
        for (Reply refused : List.of(breachedOne, ownChange, reset)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains("known from data breaches").doesNotContain(BREACHED);
        }
        assertDocumented("POST", "/v1/users", breachedOne);
        assertDocumented("POST", "/v1/auth/password", ownChange);
        assertThat(pool.post("/v1/users", admin, "{\"username\":\"nils\",\"role\":\"viewer\",\"password\":\"twelve-chars\"}").status()).isEqualTo(201);
        assertThat(pool.login("maya", MAYA)).as("nothing was changed").isNotEmpty();
    }

    /** Draws the modules four pixels each with a quiet zone of four modules, and reads the picture back with ZXing. */
    private static String decode(JsonNode qr) throws Exception {
        int size = qr.path("size").asInt();
        int scale = 4;
        int side = (size + 8) * scale;
        int[] pixels = new int[side * side];
        java.util.Arrays.fill(pixels, 0xFFFFFFFF);
        for (int y = 0; y < size; y++) {
            String row = qr.path("rows").get(y).asText();
            assertThat(row).hasSize(size);
            for (int x = 0; x < size; x++) {
                if (row.charAt(x) == '1') {
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            pixels[((y + 4) * scale + dy) * side + (x + 4) * scale + dx] = 0xFF000000;
                        }
                    }
                }
            }
        }
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(side, side, pixels)))).getText();
    }

    private List<String> actions() {
        return pool.store.audit().list(AuditQuery.latest(500)).reversed().stream()
                .map(row -> row.event().action() + " " + row.event().target() + " by " + row.event().actor()).toList();
    }
}
