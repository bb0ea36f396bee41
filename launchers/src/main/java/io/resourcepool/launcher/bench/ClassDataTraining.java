package io.resourcepool.launcher.bench;

import io.resourcepool.launcher.PoolCommand;
import io.resourcepool.launcher.agent.AgentForwarding;
import io.resourcepool.launcher.agent.AgentServer;
import io.resourcepool.launcher.demo.ScratchDirectory;
import io.resourcepool.launcher.logging.LogBackend;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The training run behind the {@code pool} command's start-up archives: the class-data sharing archive
 * ({@code -XX:ArchiveClassesAtExit}) and, on JDK 25+, the ahead-of-time cache ({@code -XX:AOTCacheOutput}). The
 * build runs it once in a JVM started with one of those options, so the archive holds what a person's commands use
 * ({@code --version}, {@code --help}, {@code login}, {@code status}, {@code nodes}, {@code run}, {@code jobs}): picocli,
 * the settings, the TLS client and its handshake, the protocol's JSON codec. The commands run as a person types them,
 * through {@link PoolCommand}, against a hub and one worker that starts no process.
 *
 * <p>The hub and the worker run in a JVM of their own (this class with {@value #SERVE_POOL}), so that their classes
 * stay out of the archive: an ahead-of-time cache loads and links every class it holds when a JVM starts, and a short
 * command has no use for the hub's. The commands' output is kept, and shown only when one fails.
 */
public final class ClassDataTraining {
    /** The argument that makes this JVM the training's pool instead of its client. */
    static final String SERVE_POOL = "--serve-pool";

    private ClassDataTraining() {}

    /**
     * Runs the commands against a pool in a child JVM and exits 0, or 1 after printing the transcript when a command
     * failed; with {@value #SERVE_POOL}, is that pool.
     *
     * @param args none, or {@value #SERVE_POOL}
     * @throws Exception when the pool cannot start
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals(SERVE_POOL)) {
            servePool();
            return;
        }
        Process pool = startPool();
        List<String> failures;
        StringWriter transcript = new StringWriter();
        try (BufferedReader said = new BufferedReader(new InputStreamReader(pool.getInputStream(), StandardCharsets.UTF_8))) {
            String[] ready = readiness(said.readLine(), pool);
            failures = run(commands(ready[0], ready[1], Path.of(ready[2])), new PrintWriter(transcript, true));
            failures.addAll(forwarded(ready[0], ready[1], Path.of(ready[2]), transcript));
        } finally {
            pool.getOutputStream().close();
            if (!pool.waitFor(30, TimeUnit.SECONDS)) {
                pool.destroyForcibly();
            }
        }
        if (!failures.isEmpty()) {
            System.err.print(transcript);
            System.err.println("class-data training: these commands failed: " + String.join("; ", failures));
        }
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /** The same runtime and class path as this JVM's, with no start-up archive options: those are this JVM's alone. */
    private static Process startPool() throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ClassDataTraining.class.getName(), SERVE_POOL).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String[] readiness(String line, Process pool) throws InterruptedException {
        String[] ready = line == null ? new String[0] : line.split(" ");
        if (ready.length != 3) {
            pool.destroyForcibly().waitFor();
            throw new IllegalStateException("class-data training: the pool did not start (it said " + line + ", exit " + pool.exitValue() + ")");
        }
        return ready;
    }

    /** Starts the pool, prints {@code HOST:PORT CA-FINGERPRINT PASSWORD-FILE}, and stops it when standard input ends. */
    private static void servePool() throws Exception {
        System.setProperty(LogBackend.LEVEL_PROPERTY, "error");
        try (ScratchDirectory dir = ScratchDirectory.create("resourcepool-cds-training-");
             BenchPool pool = new BenchPool(dir.path(), 1, 10, true)) {
            Path password = Files.createFile(dir.path().resolve("password"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(password, BenchPool.USER_PASSWORD.reveal());
            String hub = pool.hub().address().getHostString() + ":" + pool.hub().address().getPort();
            System.out.println(hub + " " + pool.hub().caFingerprint() + " " + password);
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    private static List<List<String>> commands(String hub, String caFingerprint, Path password) {
        String session = "client.session-file=" + password.resolveSibling("session");
        return List.of(
                List.of("--version"),
                List.of("--help"),
                List.of("login", "--set", session, "--hub", hub, "--ca-fingerprint", caFingerprint, "--user", "bench",
                        "--password-file", password.toString()),
                List.of("status", "--set", session),
                List.of("nodes", "--set", session),
                List.of("run", "--set", session, "--", "true"),
                List.of("jobs", "--set", session),
                List.of("logout", "--set", session));
    }

    /**
     * A status and a run as a process sends them to {@code pool agent} ({@link AgentForwarding}, the few classes a
     * forwarded command loads), to an agent in this JVM, after logging in again.
     */
    private static List<String> forwarded(String hub, String caFingerprint, Path password, StringWriter transcript) throws IOException {
        String session = "client.session-file=" + password.resolveSibling("session");
        PrintWriter out = new PrintWriter(transcript, true);
        List<String> failures = run(List.of(List.of("login", "--set", session, "--hub", hub, "--ca-fingerprint", caFingerprint, "--user", "bench",
                "--password-file", password.toString())), out);
        Path agentDir = password.resolveSibling("agent");
        try (AgentServer agent = AgentServer.start(agentDir, java.time.Duration.ofMinutes(1))) {
            for (String[] args : List.of(new String[] {"status", "--set", session}, new String[] {"run", "--set", session, "--", "true"})) {
                java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
                int code = AgentForwarding.forward(args, agentDir, said, said);
                out.println("$ pool " + String.join(" ", args) + " (through the agent)");
                out.print(said.toString(StandardCharsets.UTF_8));
                if (code != 0) {
                    failures.add("pool " + args[0] + " through the agent exited " + code);
                }
            }
        }
        failures.addAll(run(List.of(List.of("logout", "--set", session)), out));
        return failures;
    }

    private static List<String> run(List<List<String>> commands, PrintWriter out) {
        List<String> failures = new ArrayList<>();
        for (List<String> command : commands) {
            String[] args = command.toArray(String[]::new);
            out.println("$ pool " + String.join(" ", command));
            int code = PoolCommand.commandLine(out, out, args).execute(args);
            if (code != 0) {
                failures.add("pool " + command.get(0) + " exited " + code);
            }
        }
        return failures;
    }
}
