package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.resourcepool.launcher.PoolProcess.Finished;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS-SD discovery between real processes over real multicast: a hub that announces itself ({@code discovery.announce})
 * in a network namespace of the test's own (loopback only, so nothing leaves it and nothing outside is heard), and
 * {@code pool login --discover} and {@code pool worker --discover} in the same namespace, beside another hub that
 * announces a CA of its own. A hub is used only when it announces the CA fingerprint given; any other
 * is refused, and without one nothing is trusted.
 *
 * <p>Needs root (to make the namespace); elsewhere it is skipped saying so, unless {@code POOL_TEST_NAMESPACES=required}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HubDiscoveryNamespaceTest {
    private static final Duration COMMAND = Duration.ofSeconds(90);
    private static final String PASSWORD = "discovery-admin-password";
    private static final Pattern ANNOUNCED = Pattern.compile("Announced by DNS-SD \\(_resourcepool._tcp\\) as ns-hub on 127\\.0\\.0\\.1");
    private static final Pattern HTTPS_PORT = Pattern.compile("HTTPS API on https://127\\.0\\.0\\.1:(\\d+)/v1");

    private final List<PoolProcess> started = new ArrayList<>();
    private Path dir;
    private PoolProcess hub;
    private int port;
    private String httpsPort;
    private String fingerprint;
    private PoolProcess impostor;
    private String impostorFingerprint;

    @BeforeAll
    void startAnAnnouncingHubInANamespace(@TempDir Path tempDir) throws IOException, InterruptedException {
        Optional<String> whyNot = LoopbackNamespace.whyNot();
        if (whyNot.isPresent() && "required".equals(System.getenv(LoopbackNamespace.REQUIRED_VARIABLE))) {
            fail(LoopbackNamespace.REQUIRED_VARIABLE + "=required, but no network namespace can be made here: " + whyNot.get());
        }
        Assumptions.assumeTrue(whyNot.isEmpty(), () -> whyNot.get() + "; this test announces and discovers hubs inside a network namespace"
                + " of its own. Run it as root on a machine that allows unshare --net (set " + LoopbackNamespace.REQUIRED_VARIABLE
                + "=required to make this skip a failure)");
        dir = tempDir;
        LivePool.passable(dir);
        hub = start(LoopbackNamespace.creating(), "hub", Map.of("ADMIN_PASSWORD", PASSWORD), "hub", "--bind", "127.0.0.1:0",
                "--http", "127.0.0.1:0", "--data-dir", dir.resolve("hub-data").toString(), "--set", "auth.bcrypt-cost=10",
                "--set", "hub.admin-password-env=ADMIN_PASSWORD", "--set", "discovery.announce=true", "--set", "discovery.name=ns-hub");
        String address = hub.awaitStdout(PoolProcesses.LISTENING, PoolProcesses.START).group(1);
        port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        fingerprint = hub.awaitStdout(PoolProcesses.FINGERPRINT, PoolProcesses.START).group(1);
        httpsPort = hub.awaitStdout(HTTPS_PORT, PoolProcesses.START).group(1);
        hub.awaitStdout(ANNOUNCED, PoolProcesses.START);
        // another hub on the same network, with a CA of its own: an impostor, or just the wrong pool. (Not under the same
        // name: which of two hubs claiming one name keeps it is multicast DNS's race, which a loaded machine can lose.)
        impostor = start(LoopbackNamespace.joining(hub), "impostor", Map.of("ADMIN_PASSWORD", PASSWORD), "hub", "--bind", "127.0.0.1:0",
                "--data-dir", dir.resolve("impostor-data").toString(), "--set", "auth.bcrypt-cost=10",
                "--set", "hub.admin-password-env=ADMIN_PASSWORD", "--set", "discovery.announce=true", "--set", "discovery.name=ns-hub-too");
        impostorFingerprint = impostor.awaitStdout(PoolProcesses.FINGERPRINT, PoolProcesses.START).group(1);
        impostor.awaitStdout(Pattern.compile("Announced by DNS-SD \\(_resourcepool._tcp\\) as ns-hub-too on 127\\.0\\.0\\.1"), PoolProcesses.START);
        assertThat(impostorFingerprint).isNotEqualTo(fingerprint);
    }

    @AfterAll
    void leaveNoProcessRunning() {
        started.forEach(PoolProcess::close);
    }

    @Test
    @Order(1)
    void loginDiscoversTheHubWithItsPortsAndFingerprintAndLogsIn() {
        Finished login = inNamespace("admin", "login", "--discover", "--discover-timeout", "4s", "--ca-fingerprint", fingerprint,
                "--user", "admin", "--password-env", "ADMIN_PASSWORD");
        assertThat(login.exitCode()).as(login::transcript).isZero();
        assertThat(login.stdout()).as(login::transcript)
                .contains("hubs announcing _resourcepool._tcp in 4000 ms on 127.0.0.1: 2\n")
                .contains("  [1] ns-hub  127.0.0.1  port " + port + "  https " + httpsPort + "  protocol 1  CA " + fingerprint + "\n")
                .containsPattern("  \\[2\\] ns-hub-too  127\\.0\\.0\\.1  port \\d+  protocol 1  CA " + impostorFingerprint + "\n")
                .contains("using ns-hub: its announced CA fingerprint is the one you gave")
                .contains("logged in to 127.0.0.1:" + port + " as admin (admin)");
    }

    @Test
    @Order(2)
    void aHubAnnouncingAnotherFingerprintThanTheOneGivenIsRefused() {
        String wrong = (fingerprint.startsWith("00") ? "11" : "00") + fingerprint.substring(2);
        Finished login = inNamespace("stranger", "login", "--discover", "--discover-timeout", "4s", "--ca-fingerprint", wrong,
                "--user", "admin", "--password-env", "ADMIN_PASSWORD");
        assertThat(login.exitCode()).as(login::transcript).isEqualTo(1);
        assertThat(login.stderr()).as(login::transcript)
                .contains("pool: refused: no hub heard on the network announces the CA fingerprint you gave (" + wrong + "); heard ")
                .contains("ns-hub with " + fingerprint).contains("ns-hub-too with " + impostorFingerprint)
                .contains("A hub announcing another CA is not the one you pinned and is never used");
        assertThat(login.stdout()).as(login::transcript).doesNotContain("logged in");
        assertThat(sessionFile("stranger")).doesNotExist();
    }

    @Test
    @Order(3)
    void withoutAFingerprintTheHubsAreListedAndNoneIsTrusted() {
        Finished login = inNamespace("stranger", "login", "--discover", "--discover-timeout", "4s", "--user", "admin", "--password-env", "ADMIN_PASSWORD");
        assertThat(login.exitCode()).as(login::transcript).isEqualTo(2);
        assertThat(login.stdout()).as(login::transcript).contains("ns-hub  127.0.0.1  port " + port).contains("CA " + fingerprint)
                .contains("CA " + impostorFingerprint);
        assertThat(login.stderr()).as(login::transcript).contains("a hub heard on the network is not trusted on its announcement's word:"
                + " give --ca-fingerprint FP");
        assertThat(sessionFile("stranger")).doesNotExist();
    }

    @Test
    @Order(4)
    void aWorkerDiscoversTheHubAndRegistersPinningTheGivenFingerprint() {
        Path tokenFile = dir.resolve("join-token");
        Finished token = inNamespace("admin", "admin", "join-token", "create", "--output-file", tokenFile.toString());
        assertThat(token.exitCode()).as(token::transcript).isZero();
        PoolProcess worker = start(LoopbackNamespace.joining(hub), "worker", Map.of(), "worker", "--discover", "--discover-timeout", "4s",
                "--ca-fingerprint", fingerprint, "--join-token-file", tokenFile.toString(), "--data-dir", dir.resolve("worker-data").toString(),
                "--set", "worker.sandbox=process");
        worker.awaitStdout(Pattern.compile("worker registered with hub 127\\.0\\.0\\.1:" + port + " as node \\S+\\n"), PoolProcesses.START);
    }

    @Test
    @Order(5)
    void aWorkerRefusesAHubAnnouncingAnotherFingerprint() {
        String wrong = (fingerprint.startsWith("00") ? "11" : "00") + fingerprint.substring(2);
        Finished worker = start(LoopbackNamespace.joining(hub), "worker-2", Map.of(), "worker", "--discover", "--discover-timeout", "4s",
                "--ca-fingerprint", wrong, "--data-dir", dir.resolve("worker-2-data").toString(), "--set", "worker.sandbox=process").awaitExit(COMMAND);
        assertThat(worker.exitCode()).as(worker::transcript).isEqualTo(1);
        assertThat(worker.stderr()).as(worker::transcript).contains("refused: no hub heard on the network announces the CA fingerprint you gave (" + wrong + ")");
        assertThat(worker.stdout()).as(worker::transcript).doesNotContain("registered");
    }

    /** A client command in the hub's namespace, with its own home directory and session file. */
    private Finished inNamespace(String person, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--set", "client.session-file=" + sessionFile(person)));
        return start(LoopbackNamespace.joining(hub), person, Map.of("ADMIN_PASSWORD", PASSWORD), all.toArray(String[]::new)).awaitExit(COMMAND);
    }

    private Path sessionFile(String person) {
        return dir.resolve("home-" + person).resolve("session");
    }

    private PoolProcess start(List<String> prefix, String home, Map<String, String> environment, String... args) {
        Path homeDir = dir.resolve("home-" + home);
        try {
            Files.createDirectories(homeDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> all = new java.util.HashMap<>(environment);
        all.putAll(LoopbackNamespace.environment());
        PoolProcess process = PoolProcess.start(prefix, System.getProperty("java.class.path"), homeDir, all, List.of(args));
        started.add(process);
        return process;
    }
}
