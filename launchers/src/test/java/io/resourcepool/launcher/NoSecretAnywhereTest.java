package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
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
 * A whole working session on a real pool (the admin makes a user and a join token, a worker enrolls, the user
 * runs jobs and logs out, and a few things go wrong on the way) leaves no secret in the log, the audit log, the
 * error messages, the store's file or a job's environment. The log is caught by teeing System.err, where
 * slf4j-simple writes, for the duration of the test.
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
        List<String> seen = new ArrayList<>();
        try (LivePool pool = new LivePool(dir, Map.of())) {
            try (PoolClient admin = pool.admin()) {
                secrets.add(admin.sessionToken().orElseThrow().reveal());
                admin.addUser("dana", Role.COMPUTE_USER, USER_PASSWORD);
                Secret joinToken = admin.createJoinToken(Duration.ofMinutes(5)).token();
                secrets.add(joinToken.reveal());
                NodeId node = pool.startWorker("w", joinToken).worker().registered().get();
                seen.addAll(userSession(pool, node, secrets));
                seen.addAll(errors(pool, joinToken));
                admin.audit("", "", 500).stream().map(AuditRow::toString).forEach(seen::add);
            }
        }
        secrets.addAll(privateKeyLines(dir.resolve("hub").resolve("tls")));
        seen.add(log.toString(StandardCharsets.UTF_8));
        seen.add(storeFiles(dir.resolve("hub")));

        assertThat(log.toString(StandardCharsets.UTF_8)).as("the log was caught").contains("SessionKey");
        assertThat(String.join("\n", seen)).contains("login.succeeded", "dana", PLAIN_VARIABLE);
        for (String secret : secrets) {
            assertThat(seen).as("where a secret could show").noneMatch(text -> text.contains(secret));
        }
    }

    /** The user logs in, runs env with and without a variable of their own, and logs out; returns what they saw. */
    private static List<String> userSession(LivePool pool, NodeId node, List<String> secrets) {
        try (PoolClient dana = pool.connect().login("dana", USER_PASSWORD)) {
            secrets.add(dana.sessionToken().orElseThrow().reveal());
            RunResult bare = dana.run(node, List.of("env"));
            RunResult withVariable = dana.run(JobSpec.of("env").withTarget(NodeSelector.named(node))
                    .withEnvironment(Map.of("PLAIN_SETTING", PLAIN_VARIABLE)));
            dana.logout();
            return List.of(bare.stdout().asUtf8(), bare.stderr().asUtf8(), withVariable.stdout().asUtf8(), withVariable.stderr().asUtf8());
        }
    }

    /** Things that go wrong: a wrong password, a forged session, a spent join token, a role refused. */
    private static List<String> errors(LivePool pool, Secret spentJoinToken) {
        List<String> messages = new ArrayList<>();
        try (PoolClient stranger = pool.connect()) {
            messages.add(catchThrowable(() -> stranger.login("dana", Secret.of("dana-wrong-password"))).getMessage());
        }
        try (PoolClient stranger = pool.connect()) {
            messages.add(catchThrowable(() -> stranger.resume(Secret.of(spentJoinToken.reveal() + "x"))).getMessage());
        }
        try (PoolClient dana = pool.connect().login("dana", USER_PASSWORD)) {
            messages.add(catchThrowable(() -> dana.createJoinToken(Duration.ofMinutes(1))).getMessage());
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
