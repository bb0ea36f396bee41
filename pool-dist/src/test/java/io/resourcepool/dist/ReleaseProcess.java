package io.resourcepool.dist;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A program of the release in a process of its own, with exactly the environment it is given (nothing inherited
 * from the build: no {@code JAVA_HOME}, no JDK on the {@code PATH}) and its output in files, which a test waits on
 * with a deadline and which explain any failure in {@link #transcript()}.
 */
final class ReleaseProcess implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);

    private final List<String> command;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ReleaseProcess(List<String> command, Process process, Path stdout, Path stderr) {
        this.command = command;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** What a finished program did. */
    record Finished(int exitCode, String stdout, String stderr, String transcript) {}

    /**
     * Starts a program.
     *
     * @param command the command line
     * @param directory its working directory
     * @param environment its whole environment
     * @param logs where its output files go (one pair per start)
     * @return the running program
     */
    static ReleaseProcess start(List<String> command, Path directory, Map<String, String> environment, Path logs) {
        try {
            Files.createDirectories(logs);
            Path out = Files.createTempFile(logs, "stdout-", ".txt");
            Path err = Files.createTempFile(logs, "stderr-", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().clear();
            builder.environment().putAll(environment);
            return new ReleaseProcess(List.copyOf(command), builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /**
     * Waits until standard output holds a match, failing with the transcript when the program ends or the deadline
     * passes first.
     *
     * @param pattern what to look for
     * @param timeout how long to wait
     * @return the match
     */
    Matcher awaitStdout(Pattern pattern, Duration timeout) {
        try {
            return await().atMost(timeout).pollInterval(POLL).until(() -> {
                boolean ended = !process.isAlive();
                Matcher matcher = pattern.matcher(read(stdout));
                if (!matcher.find() && ended) {
                    fail("ended before printing " + pattern + "\n" + transcript());
                }
                return matcher;
            }, Matcher::hasMatch);
        } catch (ConditionTimeoutException e) {
            return fail("did not print it within " + timeout + " before printing " + pattern + "\n" + transcript());
        }
    }

    /**
     * Waits for the program to end, killing it and failing if it takes longer than the timeout.
     *
     * @param timeout how long to wait
     * @return what it did
     */
    Finished awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                close();
                fail("did not end within " + timeout + "\n" + transcript());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            fail("interrupted while waiting for " + command);
        }
        return new Finished(process.exitValue(), read(stdout), read(stderr), transcript());
    }

    /** Asks the program to stop, as {@code systemctl stop} does (SIGTERM). */
    void terminate() {
        process.toHandle().destroy();
    }

    /** @return the process's id */
    long pid() {
        return process.pid();
    }

    /** @return the command line, the state, and both outputs so far */
    String transcript() {
        String state = process.isAlive() ? "still running" : "exit code " + process.exitValue();
        return "---- " + String.join(" ", command) + " (" + state + ")\n---- stdout:\n" + read(stdout)
                + "\n---- stderr:\n" + read(stderr) + "\n----";
    }

    /** Kills the program and what it started, if still running, so that a failed test leaves nothing behind. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
