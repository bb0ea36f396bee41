package io.resourcepool.launcher.bench;

import io.resourcepool.launcher.PoolCommand;
import io.resourcepool.launcher.demo.ScratchDirectory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run behind the {@code pool} command's class-data sharing archive. The build runs it once, in a
 * JVM started with {@code -XX:ArchiveClassesAtExit}, so the archive holds the classes a person's commands load
 * ({@code --help}, {@code login}, {@code status}, {@code nodes}, {@code jobs}, {@code run}): picocli, the
 * settings, the TLS client and its handshake, the protocol's JSON codec. The commands run as a person types them,
 * through {@link PoolCommand}, against a hub and one worker that starts no process, in this JVM on loopback.
 * Their output is kept, and shown only when one fails.
 */
public final class ClassDataTraining {
    private ClassDataTraining() {}

    /**
     * Runs the commands and exits 0, or 1 after printing the transcript when a command failed.
     *
     * @param args none
     * @throws Exception when the pool cannot start
     */
    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        StringWriter transcript = new StringWriter();
        List<String> failures;
        try (ScratchDirectory dir = ScratchDirectory.create("resourcepool-cds-training-");
             BenchPool pool = new BenchPool(dir.path(), 1, 10, true)) {
            failures = run(commands(pool, dir.path()), new PrintWriter(transcript, true));
        }
        if (!failures.isEmpty()) {
            System.err.print(transcript);
            System.err.println("class-data training: these commands failed: " + String.join("; ", failures));
        }
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    private static List<List<String>> commands(BenchPool pool, Path dir) throws Exception {
        Path password = Files.createFile(dir.resolve("password"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(password, BenchPool.USER_PASSWORD.reveal());
        String session = "client.session-file=" + dir.resolve("session");
        String hub = pool.hub().address().getHostString() + ":" + pool.hub().address().getPort();
        return List.of(
                List.of("--version"),
                List.of("--help"),
                List.of("login", "--set", session, "--hub", hub, "--ca-fingerprint", pool.hub().caFingerprint(), "--user", "bench",
                        "--password-file", password.toString()),
                List.of("status", "--set", session),
                List.of("nodes", "--set", session),
                List.of("run", "--set", session, "--", "true"),
                List.of("jobs", "--set", session),
                List.of("logout", "--set", session));
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
