package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code pool} command in a JVM of its own, started the way the {@code pool} script starts it but on the test
 * class path, with its output collected as it comes so a test can wait for a line with a deadline. Everything a
 * failed assertion needs to explain itself is in {@link #transcript()}.
 */
final class PoolProcess implements AutoCloseable {
    private final List<String> args;
    private final Process process;
    private final Output stdout;
    private final Output stderr;

    private PoolProcess(List<String> args, Process process) {
        this.args = args;
        this.process = process;
        this.stdout = new Output(process.getInputStream(), "pool-" + process.pid() + "-stdout");
        this.stderr = new Output(process.getErrorStream(), "pool-" + process.pid() + "-stderr");
    }

    /** What a finished command did. */
    record Finished(int exitCode, String stdout, String stderr, String transcript) {}

    /**
     * Starts {@code pool ARGS} with its own home directory and working directory.
     *
     * @param home its {@code HOME} and {@code user.home}, so nothing of the real user's is read or written
     * @param environment variables added to the inherited environment (passwords, for {@code --password-env})
     * @param args the command line after {@code pool}
     */
    static PoolProcess start(Path home, Map<String, String> environment, List<String> args) {
        return start(List.of(), System.getProperty("java.class.path"), home, environment, args);
    }

    /**
     * Starts {@code pool ARGS} as another user: through {@code prefix} (for example {@code setpriv}), on a class path
     * that user can read.
     *
     * @param prefix the command line that runs the JVM, before {@code java}
     * @param classPath the class path
     * @param home its {@code HOME}, {@code user.home} and working directory
     * @param environment variables added to the inherited environment
     * @param args the command line after {@code pool}
     */
    static PoolProcess start(List<String> prefix, String classPath, Path home, Map<String, String> environment, List<String> args) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Duser.home=" + home, "-cp", classPath, Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("XDG_RUNTIME_DIR"); // a pool agent of the real user's would be found there, and run the command
        builder.environment().putAll(environment);
        try {
            return new PoolProcess(List.copyOf(args), builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start pool " + args, e);
        }
    }

    /**
     * Waits until standard output holds a match, failing with the transcript if the process ends or the deadline
     * passes first.
     *
     * @param pattern what to look for
     * @param timeout how long to wait
     * @return the match
     */
    Matcher awaitStdout(Pattern pattern, Duration timeout) {
        return stdout.await(pattern, System.nanoTime() + timeout.toNanos(), this);
    }

    /**
     * Waits for the process to end and both its streams to close, killing it and failing if it takes too long.
     *
     * @param timeout how long to wait
     * @return what it did
     */
    Finished awaitExit(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                close();
                fail("pool " + args + " did not end within " + timeout + "\n" + transcript());
            }
            stdout.awaitEnd(deadline);
            stderr.awaitEnd(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            fail("interrupted while waiting for pool " + args);
        }
        return new Finished(process.exitValue(), stdout.text(), stderr.text(), transcript());
    }

    /**
     * Asks the process to stop as {@code kill} would (SIGTERM, which runs its shutdown hooks). Through its handle:
     * {@code Process.destroy()} would also close our ends of its pipes and lose what the hooks print.
     */
    void terminate() {
        process.toHandle().destroy();
    }

    /**
     * Kills the JVM with SIGKILL, as a crash or the OOM killer would: no shutdown hook runs, nothing is closed
     * cleanly. What it had started is left running and returned, for the caller to look at and to kill.
     *
     * @return the processes it had started
     */
    List<ProcessHandle> killHard() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return children;
    }

    /**
     * Sends a signal with the {@code kill} command, which Java has no call for: {@code STOP} to stop the process as
     * Ctrl-Z in a terminal would, {@code CONT} to let it go on.
     *
     * @param name the signal's name without {@code SIG}
     */
    void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).redirectErrorStream(true).start();
            String said = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                fail("kill -" + name + " " + process.pid() + " failed: " + said + "\n" + transcript());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill -" + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while sending SIG" + name);
        }
    }

    /** The processes it started and that still run (its jobs, for a worker). */
    List<ProcessHandle> descendants() {
        return process.descendants().filter(ProcessHandle::isAlive).toList();
    }

    /**
     * The process's id, for a test that enters its namespaces ({@code nsenter --target PID}).
     *
     * @return the pid
     */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * The command line, exit code (if any) and both streams so far.
     *
     * @return the text
     */
    String transcript() {
        String state = process.isAlive() ? "still running" : "exit code " + process.exitValue();
        return "---- pool " + String.join(" ", args) + " (pid " + process.pid() + ", " + state + ")\n"
                + "---- stdout:\n" + stdout.text() + "\n---- stderr:\n" + stderr.text() + "\n----";
    }

    /** Kills the process and anything it started, if still running; a test that failed half-way leaves nothing. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** One stream, read on its own thread so the process never blocks on a full pipe. */
    private static final class Output {
        private final StringBuilder text = new StringBuilder();
        private boolean ended;

        Output(InputStream in, String name) {
            Thread.ofPlatform().name(name).daemon().start(() -> readAll(in));
        }

        private void readAll(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                append("\n[reading this stream failed: " + e + "]\n");
            } finally {
                end();
            }
        }

        private synchronized void append(String chunk) {
            text.append(chunk);
            notifyAll();
        }

        private synchronized void end() {
            ended = true;
            notifyAll();
        }

        synchronized String text() {
            return text.toString();
        }

        synchronized Matcher await(Pattern pattern, long deadline, PoolProcess owner) {
            try {
                while (true) {
                    Matcher m = pattern.matcher(text);
                    if (m.find()) {
                        return m;
                    }
                    long left = deadline - System.nanoTime();
                    if (ended || left <= 0) {
                        break;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return fail("pool did not print /" + pattern + "/ " + (ended ? "before its output ended" : "in time") + "\n" + owner.transcript());
        }

        synchronized void awaitEnd(long deadline) throws InterruptedException {
            for (long left = deadline - System.nanoTime(); !ended && left > 0; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    /**
     * Everything the processes printed, one after the other, for a failure to explain itself.
     *
     * @param processes the processes a test started
     * @return their transcripts
     */
    static String transcripts(java.util.Collection<PoolProcess> processes) {
        StringBuilder all = new StringBuilder();
        processes.forEach(p -> all.append(p.transcript()).append('\n'));
        return all.toString();
    }

    /**
     * Waits for a job as {@link LivePool#awaitJob} does; a job that never gets there fails with what the processes
     * printed.
     *
     * @param client a session
     * @param id the job
     * @param patience how long to wait
     * @param condition what to wait for
     * @param processes the pool's processes, whose transcripts explain a failure
     * @return the job as it met the condition
     */
    static io.resourcepool.core.client.JobInfo awaitJob(io.resourcepool.core.client.PoolClient client, io.resourcepool.api.JobId id,
            Duration patience, java.util.function.Predicate<io.resourcepool.core.client.JobInfo> condition, java.util.Collection<PoolProcess> processes) {
        try {
            return LivePool.awaitJob(client, id, patience, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + transcripts(processes), e);
        }
    }

}
