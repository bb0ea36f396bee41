package io.resourcepool.core.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The processes of a uid, found in {@code /proc}: with a uid per job this finds every process of a job, also a
 * daemon that called {@code setsid} and was re-parented to init, without a cgroup.
 */
final class UidProcesses {
    private static final Path PROC = Path.of("/proc");
    /** How long killing may take before a uid that still has processes is given up on. */
    private static final java.time.Duration KILL_PATIENCE = java.time.Duration.ofSeconds(5);
    /** The pause between rounds: the kernel takes a moment to end what was killed. */
    private static final long ROUND_PAUSE_NANOS = 2_000_000;

    private UidProcesses() {}

    /**
     * Kills every process that has {@code uid} as its real, effective, saved or file-system uid, again and again
     * until none is left, so that what they fork meanwhile dies too. Zombies do not count: they hold nothing.
     * Blocks for up to a few seconds.
     *
     * @param uid the uid, never 0
     * @return true when none is left
     */
    static boolean killAll(int uid) {
        if (uid == 0) {
            throw new IllegalArgumentException("refusing to kill every process of root");
        }
        long deadline = System.nanoTime() + KILL_PATIENCE.toNanos();
        for (List<Long> pids = of(uid); !pids.isEmpty(); pids = of(uid)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            java.util.concurrent.locks.LockSupport.parkNanos(ROUND_PAUSE_NANOS);
        }
        return true;
    }

    /**
     * The processes that have {@code uid} among their uids.
     *
     * @param uid the uid
     * @return their pids
     */
    static List<Long> of(int uid) {
        List<Long> pids = new java.util.ArrayList<>();
        scan(uid, (pid, uids) -> {
            if (uids.contains(uid)) {
                pids.add(pid);
            }
        });
        return pids;
    }

    /**
     * Every uid some process runs as now: the owner of each {@code /proc/PID}, one {@code stat} a process, as
     * {@code ps} shows it. (A process that made itself non-dumpable shows as root's; the kill at a job's end, which
     * reads every uid of each process, still finds it.)
     *
     * @return the uids
     */
    static Set<Integer> running() {
        Set<Integer> uids = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path entry : entries) {
                try {
                    uids.add((Integer) Files.getAttribute(entry, "unix:uid"));
                } catch (IOException e) {
                    // it ended between the listing and the look
                }
            }
        } catch (IOException e) {
            throw new io.resourcepool.api.SandboxException("cannot list the processes in /proc: " + e.getMessage(), e);
        }
        return uids;
    }

    private interface Visitor {
        void visit(long pid, Set<Integer> uids);
    }

    /**
     * Visits the processes that may run as {@code uid}: those whose {@code /proc} entry it owns, and those owned by
     * root, which is how a process that made itself non-dumpable shows; only these have their status read, the
     * rest cost one {@code stat} each.
     */
    private static void scan(int uid, Visitor visitor) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path entry : entries) {
                if (mayRunAs(entry, uid)) {
                    uidsOf(entry).ifPresent(uids -> visitor.visit(Long.parseLong(entry.getFileName().toString()), uids));
                }
            }
        } catch (IOException e) {
            throw new io.resourcepool.api.SandboxException("cannot list the processes in /proc: " + e.getMessage(), e);
        }
    }

    private static boolean mayRunAs(Path entry, int uid) {
        try {
            int owner = (Integer) Files.getAttribute(entry, "unix:uid");
            return owner == uid || owner == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** The four uids of the {@code Uid:} line, or nothing for a process that ended meanwhile or is a zombie. */
    private static java.util.Optional<Set<Integer>> uidsOf(Path process) {
        try {
            for (String line : Files.readAllLines(process.resolve("status"))) {
                if (line.startsWith("State:") && (line.contains("Z (zombie)") || line.contains("X (dead)"))) {
                    return java.util.Optional.empty();
                }
                if (line.startsWith("Uid:")) {
                    Set<Integer> uids = new HashSet<>();
                    for (String field : line.substring(4).trim().split("\\s+")) {
                        uids.add(Integer.parseInt(field));
                    }
                    return java.util.Optional.of(uids);
                }
            }
        } catch (IOException | RuntimeException e) {
            // it ended between the listing and the read
        }
        return java.util.Optional.empty();
    }
}
