package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code pool} commands in process against a {@link LivePool}, each person with their own saved session
 * file, and catches what they print.
 */
final class PoolCli {
    private final LivePool pool;
    private final Path dir;

    /** What a command did. */
    record Outcome(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    PoolCli(LivePool pool, Path dir) {
        this.pool = pool;
        this.dir = dir;
    }

    /** Runs {@code pool ARGS}; {@code --session NAME} picks whose saved session (admin's by default). */
    Outcome run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        String person = "admin";
        int at = all.indexOf("--session");
        if (at >= 0) {
            person = all.get(at + 1);
            all.subList(at, at + 2).clear();
        }
        all.addAll(List.of("--set", "client.session-file=" + dir.resolve("session-" + person)));
        String[] line = all.toArray(String[]::new);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PoolCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), line).execute(line);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** {@code pool login} with the password from a file, and any more options; the outcome, whatever it is. */
    Outcome tryLogin(String user, String password, String... more) {
        List<String> args = new ArrayList<>(List.of("login", "--hub", "127.0.0.1:" + pool.hub.address().getPort(), "--ca-fingerprint",
                pool.hub.caFingerprint(), "--user", user, "--password-file", secretFile(password).toString(), "--session", user));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    /** {@code pool login}, which must succeed. */
    void login(String user, String password) {
        Outcome login = tryLogin(user, password);
        assertThat(login.exitCode()).as(login.toString()).isZero();
    }

    /** A file in the test's directory holding a secret and a line break. */
    Path secretFile(String secret) {
        try {
            Path file = Files.createTempFile(dir, "secret", ".txt");
            Files.writeString(file, secret + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
