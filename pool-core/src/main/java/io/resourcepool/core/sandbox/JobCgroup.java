package io.resourcepool.core.sandbox;

import io.resourcepool.api.SandboxException;
import io.resourcepool.api.spi.sandbox.ExitStatus;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import io.resourcepool.api.spi.sandbox.Termination;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's cgroup in each v1 hierarchy ({@link JobCgroups}). The command line enters it through {@code /bin/sh},
 * which writes its own pid into every {@code cgroup.procs} and then {@code exec}s the rest, so the program and
 * everything it starts are inside before the first instruction of the job runs; a daemon that calls
 * {@code setsid} or double-forks stays inside. Limits: {@code memory.limit_in_bytes} (and the memory+swap limit
 * where the kernel has one) from the memory request, {@code pids.max} from the process limit, and
 * {@code cpu.cfs_quota_us} of {@code cpus} periods from the CPU request. Killing freezes the cgroup, sends
 * SIGKILL to every process in it and thaws it, until it is empty.
 */
final class JobCgroup implements Containment {
    private static final Logger LOG = LoggerFactory.getLogger(JobCgroup.class);
    private static final int KILL_ROUNDS = 100;
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Map<String, Path> directories;
    private final SandboxLimits limits;
    private final AtomicBoolean released = new AtomicBoolean();

    private JobCgroup(Map<String, Path> directories, SandboxLimits limits) {
        this.directories = directories;
        this.limits = limits;
    }

    /**
     * Makes the cgroup of one run and sets its limits.
     *
     * @param parents the parent directory in each hierarchy
     * @param name the run's cgroup name
     * @param limits its limits
     * @return the cgroup
     * @throws SandboxException when it cannot be made or a limit cannot be set
     */
    static JobCgroup create(Map<String, Path> parents, String name, SandboxLimits limits) {
        Map<String, Path> directories = new java.util.LinkedHashMap<>();
        parents.forEach((controller, parent) -> directories.put(controller, parent.resolve(name)));
        JobCgroup cgroup = new JobCgroup(Map.copyOf(directories), limits);
        try {
            for (Path directory : directories.values()) {
                Files.createDirectory(directory);
            }
            cgroup.setLimits();
        } catch (IOException e) {
            cgroup.release();
            throw new SandboxException("cannot make the job's cgroup " + name + ": " + e.getMessage(), e);
        }
        return cgroup;
    }

    /**
     * Kills every process in a job cgroup left by a worker that died without cleaning up (SIGKILL, a crash, the
     * power), and removes it.
     *
     * @param parents the parent directory in each hierarchy
     * @param name the cgroup's name
     * @return how many processes were killed
     */
    static int reap(Map<String, Path> parents, String name) {
        Map<String, Path> directories = new java.util.LinkedHashMap<>();
        parents.forEach((controller, parent) -> directories.put(controller, parent.resolve(name)));
        JobCgroup left = new JobCgroup(Map.copyOf(directories), SandboxLimits.of(java.time.Duration.ZERO, 1));
        int killed = left.killMembers();
        left.released.set(true);
        directories.values().stream().filter(Files::isDirectory).forEach(JobCgroup::removeWhenEmpty);
        return killed;
    }

    private void setLimits() throws IOException {
        if (limits.memoryBytes() > 0) {
            Path memory = directories.get("memory");
            write(memory.resolve("memory.limit_in_bytes"), limits.memoryBytes());
            Path withSwap = memory.resolve("memory.memsw.limit_in_bytes");
            if (Files.exists(withSwap)) {
                // no escape into swap: memory and swap together are held to the same figure
                write(withSwap, limits.memoryBytes());
            }
        }
        if (limits.processes() > 0) {
            write(directories.get("pids").resolve("pids.max"), limits.processes());
        }
        if (limits.cpus() > 0) {
            Path cpu = directories.get("cpu");
            long period = Long.parseLong(Files.readString(cpu.resolve("cpu.cfs_period_us")).strip());
            write(cpu.resolve("cpu.cfs_quota_us"), period * limits.cpus());
        }
    }

    private static void write(Path file, long value) throws IOException {
        Files.writeString(file, Long.toString(value));
    }

    @Override
    public List<String> enter(List<String> line) {
        StringBuilder script = new StringBuilder("for f in");
        directories.values().forEach(d -> script.append(" '").append(d.resolve("cgroup.procs")).append('\''));
        script.append("; do echo $$ > \"$f\" || exit 125; done; exec \"$@\"");
        List<String> entered = new ArrayList<>(List.of("/bin/sh", "-c", script.toString(), "pool-job-cgroup"));
        entered.addAll(line);
        return entered;
    }

    @Override
    public SandboxLimits rlimits() {
        return JobCgroups.leftToRlimits(limits);
    }

    @Override
    public boolean holdsEveryProcess() {
        return true;
    }

    @Override
    public int killAll(ProcessHandle root) {
        // the main process first: it may not have entered the cgroup yet
        return (root.destroyForcibly() ? 1 : 0) + killMembers();
    }

    private int killMembers() {
        int signalled = 0;
        Path freezer = directories.get("freezer");
        for (int round = 0; round < KILL_ROUNDS; round++) {
            List<Long> pids = pids(freezer);
            if (pids.isEmpty()) {
                return signalled;
            }
            // frozen, nothing in it can fork while the list is killed; SIGKILL takes effect once thawed
            freeze(freezer, "FROZEN");
            for (long pid : pids(freezer)) {
                if (ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false)) {
                    signalled++;
                }
            }
            freeze(freezer, "THAWED");
            if (round > 0) {
                LockSupport.parkNanos(PAUSE_NANOS);
            }
        }
        LOG.warn("cgroup {} still had processes after {} rounds of SIGKILL", freezer, KILL_ROUNDS);
        return signalled;
    }

    private static void freeze(Path freezer, String state) {
        try {
            Files.writeString(freezer.resolve("freezer.state"), state);
        } catch (IOException e) {
            LOG.debug("could not set {} to {}: {}", freezer, state, e.getMessage());
        }
    }

    private static List<Long> pids(Path directory) {
        try {
            return Files.readAllLines(directory.resolve("cgroup.procs")).stream()
                    .filter(s -> !s.isBlank()).map(s -> Long.parseLong(s.strip())).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public ExitStatus judge(int exitCode, boolean outputTruncated) {
        ExitStatus byRlimits = KernelLimits.judge(rlimits(), exitCode, outputTruncated);
        if (byRlimits.termination() != Termination.EXITED || exitCode == 0) {
            return byRlimits;
        }
        if (limits.memoryBytes() > 0 && counter(directories.get("memory").resolve("memory.oom_control"), "oom_kill") > 0) {
            return new ExitStatus(Termination.LIMIT_EXCEEDED, exitCode, outputTruncated, "exceeded its memory limit of "
                    + limits.memoryBytes() + " bytes: the kernel's out-of-memory killer ended it");
        }
        if (limits.processes() > 0 && counter(directories.get("pids").resolve("pids.events"), "max") > 0) {
            return new ExitStatus(Termination.EXITED, exitCode, outputTruncated,
                    "reached its limit of " + limits.processes() + " processes: a fork failed");
        }
        return byRlimits;
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

    @Override
    public void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        if (Files.isDirectory(directories.get("freezer"))) {
            killMembers();
        }
        for (Path directory : directories.values()) {
            removeWhenEmpty(directory);
        }
    }

    /** A killed process leaves its cgroups a moment after SIGKILL; until then the directory cannot be removed. */
    private static void removeWhenEmpty(Path directory) {
        for (int round = 0; round < KILL_ROUNDS; round++) {
            try {
                Files.deleteIfExists(directory);
                return;
            } catch (IOException e) {
                LockSupport.parkNanos(PAUSE_NANOS);
            }
        }
        LOG.warn("could not remove the job cgroup {}: it still holds processes", directory);
    }
}
