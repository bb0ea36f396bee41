package io.resourcepool.testkit.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What {@code /proc} says about processes. A killed process whose parent is gone may stay a zombie for good
 * (not every init reaps), so "running" here means present and neither a zombie nor dead.
 */
public final class ProcessTable {
    private static final Path PROC = Path.of("/proc");

    private ProcessTable() {}

    static boolean available() {
        return Files.isReadable(PROC.resolve("self/stat"));
    }

    /**
     * Whether the process is running and its command line contains {@code marker}, which guards against a reused pid.
     *
     * @param pid the process
     * @param marker text its command line must hold
     * @return true when it runs with the marker
     */
    public static boolean runningWith(long pid, String marker) {
        return running(pid) && commandLine(pid).contains(marker);
    }

    /**
     * The pids of running processes whose command line contains {@code marker}.
     *
     * @param marker the text
     * @return their pids
     */
    public static List<Long> runningWith(String marker) {
        try (Stream<Path> entries = Files.list(PROC)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(name -> name.matches("\\d+"))
                    .map(Long::parseLong)
                    .filter(pid -> runningWith(pid, marker))
                    .toList();
        } catch (IOException e) {
            throw new AssertionError("cannot list " + PROC, e);
        }
    }

    /**
     * Waits, with a deadline, until the condition holds.
     *
     * @param condition the condition
     * @param patience how long to wait at most
     * @return whether it came to hold
     */
    public static boolean awaitTrue(Supplier<Boolean> condition, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            // nothing notifies us of another process's death: look again shortly
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        return true;
    }

    private static boolean running(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(pid + "/stat"), StandardCharsets.UTF_8);
            // the state follows the command name, which is in parentheses and may itself hold spaces
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X' && state != 'x';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(PROC.resolve(pid + "/cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
