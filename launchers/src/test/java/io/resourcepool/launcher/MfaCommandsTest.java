package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.core.auth.Authenticator;
import io.resourcepool.core.auth.Base32;
import io.resourcepool.core.auth.Totp;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.launcher.PoolCli.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code pool admin user mfa enable|disable} and {@code pool login} with a one-time code, in process, against a real pool. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MfaCommandsTest {
    private static final String PASSWORD = "gail-password-1";
    private static final String CODE_LINE = "^    [a-z2-7]{4}(-[a-z2-7]{4}){3}$";

    private LivePool pool;
    private PoolCli cli;

    @BeforeAll
    void startPool(@TempDir Path dir) {
        pool = new LivePool(dir, Map.of("auth.login-failures-per-address", "1000"));
        cli = new PoolCli(pool, dir);
        try (PoolClient admin = pool.admin()) {
            admin.admin().addUser("gail", Role.COMPUTE_USER, Secret.of(PASSWORD));
            admin.admin().addUser("hugo", Role.VIEWER, Secret.of(PASSWORD));
            admin.admin().addUser("ivan", Role.VIEWER, Secret.of(PASSWORD));
        }
        cli.login("admin", LivePool.ADMIN_PASSWORD.reveal());
    }

    @AfterAll
    void stopPool() {
        pool.close();
    }

    @Test
    void enableDrawsAQrCodeOfTheUriAndLoginThenNeedsACodeEachUsableOnce() throws Exception {
        Outcome enabled = cli.run("admin", "user", "mfa", "enable", "gail");
        assertThat(enabled.exitCode()).as(enabled.toString()).isZero();
        List<String> lines = enabled.out().lines().toList();
        String uri = lines.stream().filter(l -> l.startsWith("otpauth URI: ")).findFirst().orElseThrow().substring("otpauth URI: ".length());
        List<String> recovery = lines.stream().filter(l -> l.matches(CODE_LINE)).map(String::strip).toList();
        assertThat(uri).startsWith("otpauth://totp/ResourcePool%3Agail?secret=");
        assertThat(recovery).hasSize(10);

        assertThat(decodeQr(qrLines(lines))).isEqualTo(uri);

        Outcome withoutCode = cli.tryLogin("gail", PASSWORD);
        assertThat(withoutCode.exitCode()).as(withoutCode.toString()).isNotZero();
        assertThat(withoutCode.err()).contains("needs a one-time code", "--code-file");

        byte[] seed = Base32.decode(uri.replaceAll(".*secret=([A-Z2-7]+).*", "$1"));
        String code = Totp.code(seed, Totp.stepAt(Instant.now()));
        Outcome withCode = cli.tryLogin("gail", PASSWORD, "--code-file", cli.secretFile(code).toString());
        assertThat(withCode.exitCode()).as(withCode.toString()).isZero();
        assertThat(withCode.out()).contains("logged in", "as gail");

        Outcome withRecovery = cli.tryLogin("gail", PASSWORD, "--code-file", cli.secretFile(recovery.get(3)).toString());
        assertThat(withRecovery.exitCode()).as(withRecovery.toString()).isZero();
        Outcome spent = cli.tryLogin("gail", PASSWORD, "--code-file", cli.secretFile(recovery.get(3)).toString());
        assertThat(spent.exitCode()).as(spent.toString()).isNotZero();
        assertThat(spent.err()).contains(Authenticator.CODE_WRONG);

        Outcome disabled = cli.run("admin", "user", "mfa", "disable", "gail");
        assertThat(disabled.exitCode()).as(disabled.toString()).isZero();
        assertThat(disabled.out()).contains("removed the second factor of gail");
        assertThat(cli.tryLogin("gail", PASSWORD).exitCode()).isZero();
    }

    @Test
    void outputFileKeepsTheUriAndCodesOffTheTerminal(@TempDir Path out) throws Exception {
        Path file = out.resolve("hugo-mfa.txt");

        Outcome enabled = cli.run("admin", "user", "mfa", "enable", "hugo", "--output-file", file.toString());

        assertThat(enabled.exitCode()).as(enabled.toString()).isZero();
        assertThat(enabled.out()).contains("are in " + file).doesNotContain("otpauth://");
        assertThat(Files.readString(file)).contains("otpauth URI: otpauth://totp/ResourcePool%3Ahugo?secret=")
                .containsPattern("(?m)" + CODE_LINE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void onlyAdminsMayRemoveASecondFactor() {
        cli.login("ivan", PASSWORD);
        Outcome refused = cli.run("admin", "user", "mfa", "disable", "gail", "--session", "ivan");

        assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
        assertThat(refused.err()).contains("needs the admin role; ivan has viewer");
    }

    @Test
    void anyoneSetsUpAndRemovesTheirOwnSecondFactorGivingTheirPassword() throws Exception {
        cli.login("ivan", PASSWORD);
        Outcome wrong = cli.run("mfa", "setup", "--session", "ivan", "--current-password-file", cli.secretFile("not-ivans-password").toString());
        assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(1);
        assertThat(wrong.err()).contains(Authenticator.STEP_UP_FAILED).doesNotContain("not-ivans-password");

        Outcome own = cli.run("mfa", "setup", "--session", "ivan", "--current-password-file", cli.secretFile(PASSWORD).toString());
        assertThat(own.exitCode()).as(own.toString()).isZero();
        List<String> lines = own.out().lines().toList();
        String uri = lines.stream().filter(l -> l.startsWith("otpauth URI: ")).findFirst().orElseThrow().substring("otpauth URI: ".length());
        assertThat(uri).startsWith("otpauth://totp/ResourcePool%3Aivan?secret=");
        assertThat(decodeQr(qrLines(lines))).isEqualTo(uri);
        assertThat(cli.tryLogin("ivan", PASSWORD).exitCode()).as("a code is needed now").isNotZero();

        Outcome refusedForOneself = cli.run("admin", "user", "mfa", "enable", "admin");
        assertThat(refusedForOneself.exitCode()).isEqualTo(1);
        assertThat(refusedForOneself.err()).contains("pool mfa setup");

        String recovery = lines.stream().filter(l -> l.matches(CODE_LINE)).map(String::strip).findFirst().orElseThrow();
        assertThat(cli.tryLogin("ivan", PASSWORD, "--code-file", cli.secretFile(recovery).toString()).exitCode()).isZero();
        Outcome removed = cli.run("mfa", "remove", "--session", "ivan", "--current-password-file", cli.secretFile(PASSWORD).toString());
        assertThat(removed.exitCode()).as(removed.toString()).isZero();
        assertThat(removed.out()).contains("removed your second factor");
        assertThat(cli.tryLogin("ivan", PASSWORD).exitCode()).isZero();
        try (PoolClient admin = pool.admin()) {
            assertThat(admin.admin().audit("ivan", "", 50)).extracting(r -> r.action())
                    .contains("mfa-setup.failed", "user.mfa-enabled", "user.mfa-disabled");
        }
    }

    /** The drawing: the indented lines between the heading and the key. */
    private static List<String> qrLines(List<String> lines) {
        int start = lines.indexOf(lines.stream().filter(l -> l.contains("Scan this code")).findFirst().orElseThrow()) + 1;
        int end = lines.indexOf(lines.stream().filter(l -> l.startsWith("or type this key")).findFirst().orElseThrow());
        return lines.subList(start, end).stream().map(l -> l.substring(4)).toList();
    }

    /** Which modules the drawing shows dark: blank halves, as the drawing leaves dark modules undrawn. */
    private static boolean[][] modules(List<String> drawing) {
        int width = drawing.getFirst().length();
        boolean[][] dark = new boolean[drawing.size() * 2][width];
        for (int row = 0; row < drawing.size(); row++) {
            for (int x = 0; x < width; x++) {
                char c = drawing.get(row).charAt(x);
                dark[2 * row][x] = c == ' ' || c == '▄';
                dark[2 * row + 1][x] = c == ' ' || c == '▀';
            }
        }
        return dark;
    }

    /** Reads a terminal drawing back with zxing's decoder, four pixels a module. */
    private static String decodeQr(List<String> drawing) throws Exception {
        boolean[][] dark = modules(drawing);
        int scale = 4;
        int height = dark.length * scale;
        int width = dark[0].length * scale;
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels[y * width + x] = dark[y / scale][x / scale] ? 0xFF000000 : 0xFFFFFFFF;
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }
}
