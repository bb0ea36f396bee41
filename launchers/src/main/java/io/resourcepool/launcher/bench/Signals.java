package io.resourcepool.launcher.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short commands of the host: {@code kill -SIG PID}, and others whose output is wanted. */
final class Signals {
    private Signals() {}

    /**
     * Sends a signal to a process.
     *
     * @param signal the signal's name without {@code SIG}
     * @param pid the process
     * @throws IllegalStateException when {@code kill} fails (the process is gone)
     */
    static void send(String signal, long pid) {
        run(List.of("kill", "-" + signal, Long.toString(pid)));
    }

    /**
     * Runs a command to its end and returns its output, standard error included.
     *
     * @param command the command
     * @return what it printed
     * @throws IllegalStateException when it fails or takes more than two minutes, with what it said
     */
    static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + said.strip());
            }
            return said;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.getFirst(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
