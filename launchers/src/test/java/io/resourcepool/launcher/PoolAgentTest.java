package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resourcepool.launcher.agent.AgentForwarding;
import io.resourcepool.launcher.agent.AgentServer;
import io.resourcepool.launcher.agent.AgentSocket;
import java.io.ByteArrayOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pool agent} against a real pool (hub, worker, TLS): forwarded commands print what they would in a process of
 * their own and exit with its code, a client that hangs up cancels its command, a missing or stale socket leaves the
 * command to run in process, another user is refused, and an idle agent stops.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PoolAgentTest {
    private LivePool pool;
    private PoolCli cli;
    private Path dir;
    private String session;

    @BeforeAll
    void startPool(@TempDir Path dir) throws Exception {
        this.dir = dir;
        pool = new LivePool(dir, Map.of());
        cli = new PoolCli(pool, dir);
        pool.enrollWorker("w1");
        cli.login("admin", LivePool.ADMIN_PASSWORD.reveal());
        session = "client.session-file=" + dir.resolve("session-admin");
    }

    @AfterAll
    void stopPool() {
        pool.close();
    }

    /** What one forwarded command did. */
    private record Forwarded(int exitCode, String out, String err) {}

    private Forwarded forward(Path agentDir, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AgentForwarding.forward(args, agentDir, out, err);
        return new Forwarded(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void statusAndRunAnswerFromTheAgentWithTheCommandsOutputAndExitCode() throws Exception {
        Path agentDir = dir.resolve("agent-forwards");
        try (AgentServer agent = AgentServer.start(agentDir, Duration.ofMinutes(5))) {
            Forwarded status = forward(agentDir, "status", "--set", session);
            assertThat(status.exitCode()).as(status.toString()).isZero();
            assertThat(status.out()).contains("online nodes  1");

            Forwarded run = forward(agentDir, "run", "--set", session, "--", "sh", "-c", "echo to-stdout; echo to-stderr >&2; exit 3");
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
            assertThat(run.out()).isEqualTo("to-stdout\n");
            assertThat(run.err()).contains("to-stderr");

            Forwarded usage = forward(agentDir, "status", "--no-such-flag", "--set", session);
            assertThat(usage.exitCode()).isEqualTo(2);
            assertThat(usage.err()).contains("--no-such-flag");

            assertThat(forward(agentDir, "login", "--user", "admin").exitCode()).as("login is never forwarded").isEqualTo(AgentForwarding.RUN_HERE);
            assertThat(Files.getPosixFilePermissions(agentDir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(Files.getPosixFilePermissions(agent.socket())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void aProcessOfPoolSendsItsCommandToTheAgentWithoutLoadingPicocli() throws Exception {
        Path runtimeDir = Files.createDirectories(dir.resolve("xdg"));
        Path classLog = dir.resolve("classes.log");
        try (AgentServer agent = AgentServer.start(runtimeDir.resolve("resourcepool"), Duration.ofMinutes(5))) {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xlog:class+load=info:file=" + classLog, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "status", "--set",
                    session).redirectErrorStream(true);
            builder.environment().put("XDG_RUNTIME_DIR", runtimeDir.toString());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(output).isZero();
            assertThat(output).contains("online nodes  1");
            String classes = Files.readString(classLog);
            assertThat(classes).contains("io.resourcepool.launcher.agent.AgentForwarding").doesNotContain("picocli", "jackson", "bouncycastle",
                    "logback");
        }
    }

    @Test
    void aClientThatHangsUpCancelsItsCommand() throws Exception {
        Path agentDir = dir.resolve("agent-cancels");
        try (AgentServer agent = AgentServer.start(agentDir, Duration.ofMinutes(5))) {
            Thread client = Thread.ofPlatform().start(() -> forward(agentDir, "run", "--set", session, "--", "sh", "-c", "echo started; sleep 60"));
            awaitRunning(agent, 1);
            try (io.resourcepool.core.client.PoolClient admin = pool.admin()) {
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !admin.jobs(
                        io.resourcepool.api.spi.store.JobQuery.inState(io.resourcepool.api.JobState.RUNNING, 10)).isEmpty());
            }
            client.interrupt(); // closes the client's socket, as the end of its process on Ctrl-C would
            client.join(10_000);
            assertThat(client.isAlive()).isFalse();
            awaitRunning(agent, 0);
        }
    }

    @Test
    void noSocketOrAStaleOneLeavesTheCommandToRunInProcess() throws Exception {
        Path agentDir = dir.resolve("agent-stale");
        assertThat(forward(agentDir, "status", "--set", session).exitCode()).isEqualTo(AgentForwarding.RUN_HERE);
        AgentSocket.prepare(agentDir);
        try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            gone.bind(UnixDomainSocketAddress.of(AgentSocket.in(agentDir)));
        }
        assertThat(AgentSocket.in(agentDir)).exists();
        assertThat(forward(agentDir, "status", "--set", session).exitCode()).isEqualTo(AgentForwarding.RUN_HERE);
        try (AgentServer agent = AgentServer.start(agentDir, Duration.ofMinutes(5))) {
            assertThat(forward(agentDir, "status", "--set", session).exitCode()).as("a new agent replaces the stale socket").isZero();
        }
        assertThat(AgentSocket.in(agentDir)).doesNotExist();
    }

    @Test
    void anIdleAgentStopsAndRemovesItsSocket() throws Exception {
        Path agentDir = dir.resolve("agent-idle");
        AgentServer agent = AgentServer.start(agentDir, Duration.ofMillis(500));
        assertThat(forward(agentDir, "status", "--set", session).exitCode()).isZero();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                agent.awaitStop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.join(10_000);
        assertThat(waiter.isAlive()).as("the agent stopped after 500 ms idle").isFalse();
        assertThat(AgentSocket.in(agentDir)).doesNotExist();
    }

    @Test
    void anAgentDoesNotListenInAnotherUsersDirectory() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give a directory to another user");
        Path agentDir = Files.createTempDirectory(Path.of("/tmp"), "pool-agent-theirs");
        Files.setOwner(agentDir, agentDir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));

        assertThatThrownBy(() -> AgentServer.start(agentDir, Duration.ofMinutes(5)))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("belongs to nobody, not to root");
        assertThat(AgentSocket.in(agentDir)).doesNotExist();
    }

    @Test
    void anotherUserIsRefused() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Path setpriv = Path.of("/usr/bin/setpriv");
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(python) && Files.isExecutable(setpriv),
                "needs root, setpriv and /usr/bin/python3 to connect as another user");
        Path agentDir = Files.createTempDirectory(Path.of("/tmp"), "pool-agent-uid");
        try (AgentServer agent = AgentServer.start(agentDir, Duration.ofMinutes(5))) {
            // open the door the directory and socket modes keep shut, to reach the peer check behind it
            Files.setPosixFilePermissions(agentDir, PosixFilePermissions.fromString("rwx--x--x"));
            Files.setPosixFilePermissions(agent.socket(), PosixFilePermissions.fromString("rw-rw-rw-"));
            String script = "import socket,struct,sys\n"
                    + "s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])\n"
                    + "try: s.sendall(struct.pack('>iBi',0x504F4F01,3,1)+b'/'+struct.pack('>i',0))\n"
                    + "except OSError: pass  # a refused peer's request may meet a closed socket; the refusal is read below\n"
                    + "print(s.recv(1)[0])\n";
            assertThat(python(List.of(setpriv.toString(), "--reuid=65534", "--regid=65534", "--clear-groups"), script, agent.socket()))
                    .as("frame type answered to uid 65534: 4, refused").isEqualTo("4");
            assertThat(python(List.of(), script, agent.socket())).as("frame type answered to its own user: 1, output").isEqualTo("1");
        } finally {
            Files.deleteIfExists(agentDir);
        }
    }

    private static String python(List<String> prefix, String script, Path socket) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("/usr/bin/python3", "-c", script, socket.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    private static void awaitRunning(AgentServer agent, int commands) {
        org.awaitility.Awaitility.await("the agent runs " + commands + " commands").atMost(Duration.ofSeconds(15))
                .until(() -> agent.running() == commands);
    }
}
