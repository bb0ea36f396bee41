package io.resourcepool.core.sandbox;

import io.resourcepool.api.spi.sandbox.ExitStatus;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import io.resourcepool.api.spi.sandbox.Termination;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file protocol both cgroup versions share: entering a cgroup from the job's first process (v2 only: v1 forks
 * the process inside, {@link ThreadCgroups}), listing and
 * counting what the kernel wrote, telling a death by the cgroup's limits from an ordinary exit, and removing a
 * job's cgroup once its processes are gone.
 */
final class CgroupFiles {
    /** How often killing and removing are tried before giving up. */
    static final int ROUNDS = 100;
    /** The pause between two tries: a killed process leaves its cgroup a moment after SIGKILL. */
    static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** The first pause before trying to remove a cgroup again; each next one doubles, up to {@link #PAUSE_NANOS}. */
    static final long FIRST_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(250);
    private static final Logger LOG = LoggerFactory.getLogger(CgroupFiles.class);

    private CgroupFiles() {
    }

    /**
     * The command line that moves itself into every given {@code cgroup.procs} and then {@code exec}s the line, so
     * the program and everything it starts are inside before the first instruction of the job runs. A failed
     * move ends it with 125 before the job starts.
     *
     * @param procsFiles the {@code cgroup.procs} files to write, none containing a quote
     * @param line the command line
     * @return the command line to start
     */
    static List<String> enter(List<Path> procsFiles, List<String> line) {
        StringBuilder script = new StringBuilder("for f in");
        procsFiles.forEach(f -> script.append(" '").append(f).append('\''));
        script.append("; do echo $$ > \"$f\" || exit 125; done; exec \"$@\"");
        List<String> entered = new ArrayList<>(List.of("/bin/sh", "-c", script.toString(), "pool-job-cgroup"));
        entered.addAll(line);
        return entered;
    }

    static void write(Path file, String value) throws IOException {
        Files.writeString(file, value);
    }

    /** The process ids in a cgroup's {@code cgroup.procs}; none when it is gone or unreadable. */
    static List<Long> pids(Path directory) {
        try {
            return Files.readAllLines(directory.resolve("cgroup.procs")).stream()
                    .filter(s -> !s.isBlank()).map(s -> Long.parseLong(s.strip())).toList();
        } catch (IOException | NumberFormatException e) {
            return List.of();
        }
    }

    /** A named counter from a cgroup file of {@code name value} lines, 0 when absent or unreadable. */
    static long counter(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length == 2 && parts[0].equals(name)) {
                    return Long.parseLong(parts[1]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debug("could not read {} from {}: {}", name, file, e.getMessage());
        }
        return 0;
    }

    /**
     * How a run in a cgroup that ended by itself ended: as {@code prlimit} says for the CPU time, else over its
     * memory limit when the kernel's out-of-memory killer acted in the cgroup, with a hint when a fork failed at
     * the process limit.
     *
     * @param limits the run's limits
     * @param exitCode the main process's exit code
     * @param outputTruncated whether output was cut
     * @param oomKills how many processes the out-of-memory killer ended in the cgroup
     * @param forkFailures how many forks the process limit refused
     * @return the status
     */
    static ExitStatus judge(SandboxLimits limits, int exitCode, boolean outputTruncated, LongSupplier oomKills, LongSupplier forkFailures) {
        ExitStatus byRlimits = KernelLimits.judge(JobCgroups.leftToRlimits(limits), exitCode, outputTruncated);
        if (byRlimits.termination() != Termination.EXITED || exitCode == 0) {
            return byRlimits;
        }
        if (limits.memoryBytes() > 0 && oomKills.getAsLong() > 0) {
            return new ExitStatus(Termination.LIMIT_EXCEEDED, exitCode, outputTruncated, "exceeded its memory limit of "
                    + limits.memoryBytes() + " bytes: the kernel's out-of-memory killer ended it");
        }
        if (limits.processes() > 0 && forkFailures.getAsLong() > 0) {
            return new ExitStatus(Termination.EXITED, exitCode, outputTruncated,
                    "reached its limit of " + limits.processes() + " processes: a fork failed");
        }
        return byRlimits;
    }

    /** Removes a job's cgroup, waiting for its killed processes to leave it. */
    static void removeWhenEmpty(Path directory) {
        for (int round = 0; round < ROUNDS; round++) {
            try {
                Files.deleteIfExists(directory);
                return;
            } catch (IOException e) {
                // the kernel is usually done with an exited job's last task within a millisecond: wait short first
                LockSupport.parkNanos(Math.min(PAUSE_NANOS, FIRST_PAUSE_NANOS << Math.min(round, 10)));
            }
        }
        LOG.warn("could not remove the job cgroup {}: it still holds processes", directory);
    }
}
