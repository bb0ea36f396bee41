package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resourcepool.launcher.PoolProcess.Finished;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start, by the {@code pool} command in separate processes: a hub, a worker that joins it with
 * a join token, and one short-lived process per client command, each with its own home directory and session
 * file. The hub and worker start once for the class; the last test stops them as an operator would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoolCommandProcessesTest {
    private static final Duration START = PoolProcesses.START;
    private static final Duration COMMAND = Duration.ofSeconds(60);
    private static final Pattern LISTENING = PoolProcesses.LISTENING;
    private static final Pattern FINGERPRINT = PoolProcesses.FINGERPRINT;
    private static final Pattern GENERATED_PASSWORD = PoolProcesses.GENERATED_PASSWORD;
    private static final Pattern REGISTERED = PoolProcesses.REGISTERED;

    private final List<PoolProcess> started = new ArrayList<>();
    private Path dir;
    private PoolProcess hub;
    private PoolProcess worker;
    private String hubAddress;
    private String fingerprint;
    private String adminPassword;
    private String node;

    @BeforeAll
    void startHubThenLogInAndEnrollAWorker(@TempDir Path tempDir) throws IOException {
        dir = tempDir;
        LivePool.passable(dir);
        try {
            startPool();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + servers(), e);
        }
    }

    private void startPool() throws IOException {
        hub = start("hub", Map.of(), "hub", "--bind", "127.0.0.1:0", "--data-dir", dir.resolve("hub-data").toString(),
                "--set", "auth.bcrypt-cost=10", "--set", "hub.heartbeat-interval=1s", "--set", "hub.node-timeout=5s",
                // the stopped client below stays stopped while five other clients start and run; however slow the machine, it
                // must be the follower buffer that drops it, not the write timeout that cuts its connection
                "--set", "hub.write-timeout=5m");
        hubAddress = hub.awaitStdout(LISTENING, START).group(1);
        fingerprint = hub.awaitStdout(FINGERPRINT, START).group(1);
        adminPassword = hub.awaitStdout(GENERATED_PASSWORD, START).group(1);

        Finished login = client("admin", Map.of("ADMIN_PASSWORD", adminPassword), "login", "--hub", hubAddress,
                "--ca-fingerprint", fingerprint, "--user", "admin", "--password-env", "ADMIN_PASSWORD");
        assertThat(login.exitCode()).as(() -> explain(login)).isZero();
        assertThat(login.stdout()).as(() -> explain(login)).contains("logged in to " + hubAddress + " as admin (admin)");

        Path tokenFile = dir.resolve("join-token");
        Finished token = client("admin", Map.of(), "admin", "join-token", "create", "--output-file", tokenFile.toString());
        assertThat(token.exitCode()).as(() -> explain(token)).isZero();
        assertThat(token.stdout()).as(() -> explain(token)).contains("written to " + tokenFile, "hub CA fingerprint: " + fingerprint);
        assertThat(Files.getPosixFilePermissions(tokenFile)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        worker = start("worker", Map.of(), "worker", "--hub", hubAddress, "--ca-fingerprint", fingerprint,
                "--join-token-file", tokenFile.toString(), "--data-dir", dir.resolve("worker-data").toString());
        node = worker.awaitStdout(REGISTERED, START).group(1);
    }

    @AfterAll
    void leaveNoProcessRunning() {
        started.forEach(PoolProcess::close);
    }

    @Test
    @Order(1)
    void theSessionFileIsReadableOnlyByItsOwner() throws IOException {
        assertThat(Files.getPosixFilePermissions(sessionFile("admin")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    @Order(2)
    void nodesShowsTheEnrolledWorkerOnline() {
        Finished nodes = client("admin", Map.of(), "nodes");
        assertThat(nodes.exitCode()).as(() -> explain(nodes)).isZero();
        assertThat(nodes.stdout()).as(() -> explain(nodes)).startsWith("NODE").containsPattern("(?m)^" + Pattern.quote(node) + "\\s+online\\s");
    }

    @Test
    @Order(3)
    void statusCountsOneOnlineNode() {
        Finished status = client("admin", Map.of(), "status");
        assertThat(status.exitCode()).as(() -> explain(status)).isZero();
        assertThat(status.stdout()).as(() -> explain(status)).containsPattern("(?m)^online nodes\\s+1$");
    }

    @Test
    @Order(4)
    void runPrintsTheCommandsOutputAndExitsZero() {
        Finished run = client("admin", Map.of(), "run", "--", "echo", "hello");
        assertThat(run.exitCode()).as(() -> explain(run)).isZero();
        assertThat(run.stdout()).as(() -> explain(run)).isEqualTo("hello\n");
    }

    @Test
    @Order(5)
    void runPassesStderrAndTheExitCodeThrough() {
        Finished run = client("admin", Map.of(), "run", "--", "sh", "-c", "echo err >&2; exit 3");
        assertThat(run.exitCode()).as(() -> explain(run)).isEqualTo(3);
        assertThat(run.stdout()).as(() -> explain(run)).isEmpty();
        assertThat(run.stderr()).as(() -> explain(run)).contains("err\n");
    }

    @Test
    @Order(6)
    void runThatOutlivesItsTimeoutExits124() {
        Finished run = client("admin", Map.of(), "run", "--timeout", "1s", "--", "sleep", "30");
        assertThat(run.exitCode()).as(() -> explain(run)).isEqualTo(124);
        assertThat(run.stderr()).as(() -> explain(run)).contains("TIMED_OUT", "timed out after 1s");
    }

    @Test
    @Order(7)
    void aViewerIsRefusedRunWithAMessageNamingTheRoleItNeeds() {
        Finished add = client("admin", Map.of("BOB_PASSWORD", "bob-password-1"), "admin", "user", "add", "bob", "--role", "viewer",
                "--password-env", "BOB_PASSWORD");
        assertThat(add.exitCode()).as(() -> explain(add)).isZero();
        assertThat(add.stdout()).as(() -> explain(add)).contains("added user bob (viewer)");

        Finished login = client("bob", Map.of("BOB_PASSWORD", "bob-password-1"), "login", "--hub", hubAddress,
                "--ca-fingerprint", fingerprint, "--user", "bob", "--password-env", "BOB_PASSWORD");
        assertThat(login.stdout()).as(() -> explain(login)).contains("as bob (viewer)");

        Finished run = client("bob", Map.of(), "run", "--", "echo", "hello");
        assertThat(run.exitCode()).as(() -> explain(run)).isEqualTo(1);
        assertThat(run.stdout()).as(() -> explain(run)).isEmpty();
        assertThat(run.stderr()).as(() -> explain(run)).contains("needs the compute-user role", "bob has viewer");
    }

    @Test
    @Order(8)
    void aWrongPasswordIsRefusedAndNoSessionIsSaved() {
        Finished login = client("mallory", Map.of("GUESS", "not-the-password"), "login", "--hub", hubAddress,
                "--ca-fingerprint", fingerprint, "--user", "admin", "--password-env", "GUESS");
        assertThat(login.exitCode()).as(() -> explain(login)).isEqualTo(1);
        assertThat(login.stderr()).as(() -> explain(login)).doesNotContain("not-the-password", adminPassword);
        assertThat(sessionFile("mallory")).doesNotExist();
    }

    /**
     * The user's case: a {@code pool run} of a job that prints without end, stopped as Ctrl-Z stops it. Other runs
     * on the same node complete as if nothing were stalled; once let go on, the stopped client ends with what
     * happened and how to resume, and exits 1; the job ran on, and is cancelled. The job prints about 290 KB a few
     * times a second rather than as fast as it can, so that the client is dropped for being stopped, never for a
     * moment's lag of a loaded machine before it is stopped; what it prints while the client is stopped is still
     * many times what the sockets and the hub's follower buffer hold.
     */
    @Test
    @Order(9)
    void aStoppedRunClientHoldsUpNoOtherRunAndOnceContinuedEndsSayingHowToResume() {
        PoolProcess chatty = start("admin", Map.of(), "run", "--set", "client.session-file=" + sessionFile("admin"), "--node", node,
                "--output-cap", "1g", "--", "sh", "-c", "while :; do seq 1 50000; sleep 0.05; done");
        chatty.awaitStdout(Pattern.compile("\n49999\n"), COMMAND);
        List<Duration> took = new ArrayList<>();
        chatty.signal("STOP");
        try {
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                Finished run = client("admin", Map.of(), "run", "--node", node, "--", "true");
                assertThat(run.exitCode()).as(() -> "run of true while a client is stopped\n" + explain(run)).isZero();
                took.add(Duration.ofNanos(System.nanoTime() - started));
            }
        } finally {
            chatty.signal("CONT");
        }

        Finished dropped = chatty.awaitExit(COMMAND);
        assertThat(dropped.exitCode()).as(() -> explain(dropped)).isEqualTo(1);
        // the hub tells a client that fell behind it was dropped; when even that message cannot reach it in time
        // (its socket is full), the hub cuts the connection at its write deadline and the client says how to reattach
        Matcher resume = Pattern.compile("output dropped: this client fell behind; `pool logs --follow (\\S+)` resumes \\(the job runs on\\)"
                + "|`pool logs --follow (\\S+)` reattaches to job \\S+ \\(a client that leaves does not stop it\\)")
                .matcher(dropped.stderr());
        assertThat(resume.find()).as(() -> "the stopped client says it was dropped and how to resume\n" + explain(dropped)).isTrue();
        String job = resume.group(1) != null ? resume.group(1) : resume.group(2);
        System.out.printf("while a pool run client was stopped, five pool run -- true took %s%n", took);

        Finished cancel = client("admin", Map.of(), "cancel", job);
        assertThat(cancel.exitCode()).as(() -> "the job ran on, so it can be cancelled\n" + explain(cancel)).isZero();
        await().atMost(COMMAND).until(() -> client("admin", Map.of(), "job", job).stdout().contains("CANCELLED"));
    }

    @Test
    @Order(90)
    void logoutEndsTheSessionOnTheHubAndForgetsIt() throws IOException {
        Path kept = dir.resolve("admin-session-copy");
        Files.copy(sessionFile("admin"), kept);

        Finished logout = client("admin", Map.of(), "logout");
        assertThat(logout.exitCode()).as(() -> explain(logout)).isZero();
        assertThat(logout.stdout()).as(() -> explain(logout)).contains("logged out");
        assertThat(sessionFile("admin")).doesNotExist();

        Finished forgotten = client("admin", Map.of(), "nodes");
        assertThat(forgotten.exitCode()).as(() -> explain(forgotten)).isEqualTo(1);
        assertThat(forgotten.stderr()).as(() -> explain(forgotten)).contains("not logged in");

        Finished replayed = command("admin", Map.of(), "nodes", "--set", "client.session-file=" + kept);
        assertThat(replayed.exitCode()).as(() -> explain(replayed)).isEqualTo(1);
        assertThat(replayed.stderr()).as(() -> explain(replayed)).contains("pool login");
    }

    @Test
    @Order(100)
    void workerAndHubStopWhenTerminated() {
        worker.terminate();
        Finished workerEnd = worker.awaitExit(START);
        assertThat(workerEnd.exitCode()).as(() -> "128 + SIGTERM, after the shutdown hook\n" + explain(workerEnd)).isEqualTo(143);

        hub.terminate();
        Finished hubEnd = hub.awaitExit(START);
        assertThat(hubEnd.exitCode()).as(() -> explain(hubEnd)).isEqualTo(143);
        assertThat(hubEnd.stderr()).as(() -> "the shutdown hook closed the hub\n" + explain(hubEnd)).contains("hub stopped");
        assertThat(Stream.of(worker, hub)).noneMatch(PoolProcess::isAlive);
    }

    /** A client command in its own process, with the session file of the named person. */
    private Finished client(String person, Map<String, String> environment, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        int end = all.contains("--") ? all.indexOf("--") : all.size();
        all.addAll(end, List.of("--set", "client.session-file=" + sessionFile(person)));
        return command(person, environment, all.toArray(String[]::new));
    }

    private Finished command(String person, Map<String, String> environment, String... args) {
        return start(person, environment, args).awaitExit(COMMAND);
    }

    private PoolProcess start(String home, Map<String, String> environment, String... args) {
        Path homeDir = dir.resolve("home-" + home);
        try {
            Files.createDirectories(homeDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PoolProcess process = PoolProcess.start(homeDir, environment, List.of(args));
        started.add(process);
        return process;
    }

    /** A client command's transcript, then the hub's and the worker's: a failure often starts there. */
    private String explain(Finished finished) {
        return finished.transcript() + "\n" + servers();
    }

    private String servers() {
        return Stream.of(hub, worker).filter(Objects::nonNull).map(PoolProcess::transcript).reduce("", (a, b) -> a + b + "\n");
    }

    private Path sessionFile(String person) {
        return dir.resolve("home-" + person).resolve("session");
    }
}
