package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.resourcepool.launcher.PoolCli.Outcome;
import io.resourcepool.launcher.config.Settings;
import io.resourcepool.launcher.logging.LogBackend;
import io.resourcepool.launcher.logging.LogFormat;
import io.resourcepool.launcher.logging.LogSettings;
import io.resourcepool.launcher.logging.LogTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub logging everything (trace, text and JSON, through the real Logback into a file) while people log in with a
 * known password, get it wrong, and change it: no log line holds a password.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LoginLogsNoPasswordTest {
    private static final String KNOWN = "Known-Passw0rd-in-logs?";
    private static final String WRONG = "Wrong-Passw0rd-in-logs?";
    private static final String CHANGED = "Changed-Passw0rd-in-logs?";

    @AfterEach
    void backToStandardError() {
        LogBackend.apply(new LogSettings(Level.INFO, LogFormat.TEXT, new LogTarget.StandardError()));
    }

    @Test
    void noPasswordInTextLogsAtTrace(@TempDir Path dir) throws Exception {
        assertNoPasswordLogged(dir, "text");
    }

    @Test
    void noPasswordInJsonLogsAtTrace(@TempDir Path dir) throws Exception {
        assertNoPasswordLogged(dir, "json");
    }

    private static void assertNoPasswordLogged(Path dir, String format) throws Exception {
        Path log = dir.resolve("hub.log");
        LogBackend.apply(LogSettings.from(Settings.load(Optional.empty(), Map.of("log.level", "trace", "log.format", format,
                "log.file", log.toString()), Map.of()), 0));
        try (LivePool pool = new LivePool(dir, Map.of())) {
            PoolCli cli = new PoolCli(pool, dir);
            cli.login("admin", LivePool.ADMIN_PASSWORD.reveal());
            Outcome added = cli.run("admin", "user", "add", "dana", "--password-file", cli.secretFile(KNOWN).toString());
            assertThat(added.exitCode()).as(added.toString()).isZero();
            cli.login("dana", KNOWN);
            Outcome refused = cli.tryLogin("dana", WRONG);
            assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
            Outcome passwd = cli.run("passwd", "--session", "dana", "--current-password-file", cli.secretFile(KNOWN).toString(),
                    "--new-password-file", cli.secretFile(CHANGED).toString());
            assertThat(passwd.exitCode()).as(passwd.toString()).isZero();
            cli.login("dana", CHANGED);
        }
        String written = Files.readString(log);
        // the log really caught the hub at work, logins included
        assertThat(written).contains("TRACE").contains("io.resourcepool").containsIgnoringCase("login");
        for (String password : new String[] {KNOWN, WRONG, CHANGED, LivePool.ADMIN_PASSWORD.reveal()}) {
            assertThat(written).doesNotContain(password);
        }
    }
}
