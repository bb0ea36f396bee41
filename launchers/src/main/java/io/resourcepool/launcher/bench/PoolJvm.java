package io.resourcepool.launcher.bench;

import io.resourcepool.launcher.Main;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A {@code pool} command in an OS process of its own, started from the same class path (the pool jar, or the build's
 * classes under a test) with the same JDK as this process. Its standard output and error go to one log file, which
 * is read to wait for a line and kept for the person who looks into a failed soak.
 */
final class PoolJvm {
    private final String name;
    private final Process process;
    private final Path log;

    private PoolJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code pool ARGS}.
     *
     * @param name what the soak calls it (hub, worker-1, fleet, ...), also its log file's name
     * @param home its {@code HOME} and working directory, where its log is written
     * @param heap its maximum heap, e.g. {@code 256m}
     * @param environment variables added to the inherited environment
     * @param args the command line after {@code pool}
     */
    static PoolJvm start(String name, Path home, String heap, Map<String, String> environment, List<String> args) {
        List<String> command = new ArrayList<>(List.of(java(), "--enable-native-access=ALL-UNNAMED", "-Xmx" + heap,
                "-XX:+UseSerialGC", "-Duser.home=" + home, "-cp", classPath(), Main.class.getName()));
        command.addAll(args);
        Path log = home.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("HOME", home.toString());
        builder.environment().putAll(environment);
        try {
            return new PoolJvm(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (pool " + String.join(" ", args) + ")", e);
        }
    }

    /** This JVM's class path, each entry made absolute: the process starts in a directory of its own. */
    private static String classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
    }

    /** The {@code java} launcher of this JVM: the soak's processes run on the JDK the soak runs on. */
    static String java() {
        return ProcessHandle.current().info().command().orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** A tool of this JVM's JDK, such as {@code jcmd}. */
    static Path jdkTool(String tool) {
        return Path.of(java()).resolveSibling(tool);
    }

    /**
     * Waits until the log holds a match of the pattern at or after {@code from}.
     *
     * @param pattern what to look for
     * @param from where in the log to start looking, so a restarted process is not answered by its earlier life
     * @param timeout how long to wait
     * @return the match
     * @throws IllegalStateException when the process ended or the time ran out first, with the log's end
     */
    Matcher await(Pattern pattern, int from, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = logText();
            Matcher m = pattern.matcher(text);
            if (from <= text.length() && m.find(from)) {
                return m;
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not print /" + pattern + "/ "
                        + (process.isAlive() ? "within " + timeout : "before it ended") + "; the end of its log " + log + ":\n" + tail(text));
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    /** The log so far. */
    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    private static String tail(String text) {
        return text.substring(Math.max(0, text.length() - 3000));
    }

    /**
     * Sends a signal with {@code kill}, which Java has no call for.
     *
     * @param signal the signal's name without {@code SIG}: KILL, STOP, CONT, TERM
     */
    void signal(String signal) {
        Signals.send(signal, process.pid());
    }

    /** Kills it with SIGKILL, as a crash or the OOM killer would, and waits until it is gone. */
    void killHard() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** Asks it to stop (SIGTERM, which runs its shutdown hooks) and waits; kills it if it takes too long. */
    void stop(Duration patience) {
        if (!process.isAlive()) {
            return;
        }
        try {
            signal("CONT");
        } catch (IllegalStateException e) {
            // it ended between the check and the signal: nothing left to stop
            return;
        }
        process.destroy();
        if (awaitExit(patience).isEmpty()) {
            killHard();
        }
    }

    /** Waits for it to end, at most {@code patience}; its exit code, or empty if it still runs. */
    Optional<Integer> awaitExit(Duration patience) {
        try {
            return process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(process.exitValue()) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Whether it ended, and with what code. */
    Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }
}
