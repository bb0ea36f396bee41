package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.core.auth.Base32;
import io.resourcepool.core.auth.MfaSetup;
import io.resourcepool.core.auth.Totp;
import io.resourcepool.core.client.AuditRow;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.client.RunResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole working session on a real pool (the admin makes a user, sets up their second factor and makes a join
 * token, a worker enrolls, the user logs in with a TOTP code, runs jobs and logs out, logs in again with a recovery
 * code, and a few things go wrong on the way) leaves no secret in the log, the audit log, the error messages, the
 * store's file or a job's environment. The secrets include the TOTP seed (base32, raw, hex and base64), the
 * {@code otpauth://} URI, every recovery code and the one-time codes used. The log is caught by teeing System.err, where
 * the default Logback console writes, for the duration of the test.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NoSecretAnywhereTest {
    private static final Secret USER_PASSWORD = Secret.of("dana-Secret-Passw0rd");
    private static final String PLAIN_VARIABLE = "PLAIN_SETTING_VALUE_42";

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void teeTheLog() {
        originalErr = System.err;
        System.setErr(new PrintStream(new Tee(originalErr, log), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreTheLog() {
        System.setErr(originalErr);
    }

    @Test
    void noSecretIsLoggedAuditedShownInAnErrorStoredInClearOrPassedToAJob(@TempDir Path dir) throws Exception {
        List<String> secrets = new ArrayList<>(List.of(LivePool.ADMIN_PASSWORD.reveal(), USER_PASSWORD.reveal()));
        List<String> oneTimeCodes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        try (LivePool pool = new LivePool(dir, Map.of())) {
            try (PoolClient admin = pool.admin()) {
                secrets.add(admin.sessionToken().orElseThrow().reveal());
                admin.admin().addUser("dana", Role.COMPUTE_USER, USER_PASSWORD);
                MfaSetup mfa = admin.mfa().enable("dana");
                secrets.addAll(mfaSecrets(mfa));
                Secret joinToken = admin.admin().createJoinToken(Duration.ofMinutes(5)).token();
                secrets.add(joinToken.reveal());
                NodeId node = pool.startWorker("w", joinToken).worker().registered().get();
                Secret totp = Secret.of(Totp.code(Base32.decode(mfa.base32Seed().reveal()), Totp.stepAt(Instant.now())));
                oneTimeCodes.add(totp.reveal());
                seen.addAll(userSession(pool, node, totp, secrets));
                seen.addAll(errors(pool, joinToken, totp, mfa.recoveryCodes().getFirst()));
                admin.admin().audit("", "", 500).stream().map(AuditRow::toString).forEach(seen::add);
            }
        }
        secrets.addAll(privateKeyLines(dir.resolve("hub").resolve("tls")));
        seen.add(log.toString(StandardCharsets.UTF_8));
        seen.add(storeFiles(dir.resolve("hub")));

        assertThat(log.toString(StandardCharsets.UTF_8)).as("the log was caught").contains("made a new key in");
        assertThat(String.join("\n", seen)).contains("login.succeeded", "dana", PLAIN_VARIABLE, "user.mfa-enabled",
                "second factor: one-time code", "second factor: recovery code", "login.mfa-failed");
        for (String secret : secrets) {
            assertThat(seen).as("where a secret could show").noneMatch(text -> text.contains(secret));
        }
        for (String code : oneTimeCodes) {
            // six digits alone could be part of any number: look for them standing alone
            java.util.regex.Pattern standingAlone = java.util.regex.Pattern.compile("(?<!\\d)" + code + "(?!\\d)");
            assertThat(seen).as("where a one-time code could show").noneMatch(text -> standingAlone.matcher(text).find());
        }
    }

    /** The seed in every form it could leak in, the URI, and every recovery code. */
    private static List<String> mfaSecrets(MfaSetup mfa) {
        byte[] seed = Base32.decode(mfa.base32Seed().reveal());
        List<String> forms = new ArrayList<>(List.of(mfa.base32Seed().reveal(), mfa.otpauthUri().reveal(),
                new String(seed, StandardCharsets.ISO_8859_1), HexFormat.of().formatHex(seed), Base64.getEncoder().encodeToString(seed)));
        mfa.recoveryCodes().forEach(code -> forms.add(code.reveal()));
        mfa.recoveryCodes().forEach(code -> forms.add(code.reveal().replace("-", "")));
        return forms;
    }

    /** The user logs in with a TOTP code, runs env with and without a variable of their own, and logs out; returns what they saw. */
    private static List<String> userSession(LivePool pool, NodeId node, Secret totp, List<String> secrets) {
        try (PoolClient dana = pool.connect().login("dana", USER_PASSWORD, totp)) {
            secrets.add(dana.sessionToken().orElseThrow().reveal());
            RunResult bare = dana.run(node, List.of("env"));
            RunResult withVariable = dana.run(JobSpec.of("env").withTarget(NodeSelector.named(node))
                    .withEnvironment(Map.of("PLAIN_SETTING", PLAIN_VARIABLE)));
            dana.logout();
            return List.of(bare.stdout().asUtf8(), bare.stderr().asUtf8(), withVariable.stdout().asUtf8(), withVariable.stderr().asUtf8());
        }
    }

    /**
     * Things that go wrong: a wrong password, a missing and a replayed one-time code, a spent recovery code, a forged
     * session, a spent join token, a role refused (to a login with a recovery code).
     */
    private static List<String> errors(LivePool pool, Secret spentJoinToken, Secret usedTotp, Secret recoveryCode) {
        List<String> messages = new ArrayList<>();
        try (PoolClient stranger = pool.connect()) {
            messages.add(catchThrowable(() -> stranger.login("dana", Secret.of("dana-wrong-password"))).getMessage());
            messages.add(catchThrowable(() -> stranger.login("dana", USER_PASSWORD)).getMessage());
            messages.add(catchThrowable(() -> stranger.login("dana", USER_PASSWORD, usedTotp)).getMessage());
        }
        try (PoolClient stranger = pool.connect()) {
            messages.add(catchThrowable(() -> stranger.resume(Secret.of(spentJoinToken.reveal() + "x"))).getMessage());
        }
        try (PoolClient dana = pool.connect().login("dana", USER_PASSWORD, recoveryCode)) {
            messages.add(catchThrowable(() -> dana.admin().createJoinToken(Duration.ofMinutes(1))).getMessage());
        }
        try (PoolClient again = pool.connect()) {
            messages.add(catchThrowable(() -> again.login("dana", USER_PASSWORD, recoveryCode)).getMessage());
        }
        messages.add(String.valueOf(catchThrowable(() -> pool.startWorker("w2", spentJoinToken).worker().registered().get())));
        assertThat(messages).allSatisfy(message -> assertThat(message).isNotBlank());
        return messages;
    }

    /** Every base64 line of the hub's private key files: none may show anywhere. */
    private static List<String> privateKeyLines(Path tls) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(tls)) {
            for (Path key : files.filter(f -> f.getFileName().toString().contains("key") && f.toString().endsWith(".pem")).toList()) {
                Files.readAllLines(key).stream().filter(line -> !line.startsWith("-----") && line.length() >= 16).forEach(lines::add);
            }
        }
        assertThat(lines).as("the hub's private keys were found").isNotEmpty();
        return lines;
    }

    /** The store's files as text: passwords and tokens must be kept only as hashes. */
    private static String storeFiles(Path hubDir) throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(hubDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("pool.db")).toList()) {
                text.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(text).as("the store's file").isNotEmpty();
        return text.toString();
    }

    /** Writes to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            synchronized (second) {
                second.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            synchronized (second) {
                second.write(b, off, len);
            }
        }
    }
}
