package io.resourcepool.launcher.escape;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Finds, as the host sees them, the work directory and the main process of a job that another user started: what
 * an attacker would want to aim at, handed to the attacker so that each attempt is as strong as it can be.
 */
final class VictimSearch {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private VictimSearch() {}

    /** The work directory below the worker's data directory whose {@code note} holds the secret. */
    static Path workDirectory(Path workerData, String secret) throws IOException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Path> found = noteHolding(workerData, secret);
            if (found.isPresent()) {
                return found.get().getParent();
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        throw new AssertionError("no work directory below " + workerData + " holds the victim's note");
    }

    private static Optional<Path> noteHolding(Path workerData, String secret) throws IOException {
        try (Stream<Path> files = Files.walk(workerData)) {
            return files.filter(p -> p.getFileName().toString().equals("note")).filter(p -> holds(p, secret)).findFirst();
        }
    }

    private static boolean holds(Path file, String secret) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).contains(secret);
        } catch (IOException e) {
            return false;
        }
    }

    /** The host's pid of {@code sleep SECONDS}. */
    static long sleeping(String seconds) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> found = sleepingNow(seconds);
            if (found.isPresent()) {
                return found.get().pid();
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        throw new AssertionError("no process 'sleep " + seconds + "' appeared on the host");
    }

    /** The process {@code sleep SECONDS} on the host, if one runs now. */
    static Optional<ProcessHandle> sleepingNow(String seconds) {
        // busybox's sleep (in a container image) shows as busybox itself: its argv[0] is not in the handle's info
        return ProcessHandle.allProcesses().filter(p -> p.info().command().map(c -> c.endsWith("sleep") || c.endsWith("busybox")).orElse(false)
                && p.info().arguments().map(a -> a.length == 1 && a[0].equals(seconds)).orElse(false)).findFirst();
    }

    /** Who this test's workers run as, for the table's column names. */
    static String workerUser() {
        String user = System.getProperty("user.name");
        return "root".equals(user) ? "root" : "unprivileged";
    }
}
