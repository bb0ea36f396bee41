package io.resourcepool.core.sandbox;

import io.resourcepool.api.SandboxException;
import io.resourcepool.api.spi.sandbox.ExitStatus;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's cgroup in the cgroup v2 unified hierarchy ({@link UnifiedCgroups}), a child of the worker's
 * {@code resourcepool} cgroup. A root worker's launch helper puts the process in before its program runs
 * ({@link LaunchHelper}); otherwise it is entered through {@code /bin/sh} ({@link CgroupFiles#enter}): v2 places
 * processes, not threads, so the v1 way of forking inside ({@link ThreadCgroups}) does not apply. Limits:
 * {@code memory.max} from the memory request, with {@code memory.swap.max} 0 where the kernel accounts swap (so
 * the limit cannot be escaped into swap) and {@code memory.oom.group} 1 (the out-of-memory killer ends the whole
 * job, not one of its processes); {@code pids.max} from the process limit; {@code cpu.max} of {@code cpus}
 * periods from the CPU request. Killing writes {@code 1} to {@code cgroup.kill} (kernel 5.14+), which kills
 * every process in it at once; on older kernels it freezes the cgroup ({@code cgroup.freeze}), sends SIGKILL to
 * every process in it and thaws it, until it is empty.
 */
final class JobCgroupV2 implements Containment {
    /** The CPU period {@code cpu.max} is written with: the kernel's default, 100 ms. */
    static final long CPU_PERIOD_MICROS = Duration.ofMillis(100).toNanos() / 1000;
    private static final Logger LOG = LoggerFactory.getLogger(JobCgroupV2.class);

    /**
     * The worker's parent cgroup of every job cgroup, and which of the files the kernel may or may not have
     * ({@code memory.swap.max}, {@code memory.oom.group}, {@code cgroup.kill}, {@code cgroup.freeze}) it has.
     *
     * @param directory the parent cgroup
     * @param files the optional files it has
     */
    record Parent(Path directory, Set<String> files) {
        /** Checks the fields and copies the files. */
        Parent {
            Objects.requireNonNull(directory, "directory must be given");
            files = Set.copyOf(files);
        }

        boolean has(String file) {
            return files.contains(file);
        }
    }

    private final Parent parent;
    private final Path directory;
    private final SandboxLimits limits;
    private final AtomicBoolean released = new AtomicBoolean();

    private JobCgroupV2(Parent parent, String name, SandboxLimits limits) {
        this.parent = parent;
        this.directory = parent.directory().resolve(name);
        this.limits = limits;
    }

    /**
     * Makes the cgroup of one run and sets its limits.
     *
     * @param parent the worker's parent cgroup
     * @param name the run's cgroup name
     * @param limits its limits
     * @return the cgroup
     * @throws SandboxException when it cannot be made or a limit cannot be set
     */
    static JobCgroupV2 create(Parent parent, String name, SandboxLimits limits) {
        JobCgroupV2 cgroup = new JobCgroupV2(parent, name, limits);
        try {
            Files.createDirectory(cgroup.directory);
            cgroup.setLimits();
        } catch (IOException e) {
            cgroup.release();
            throw new SandboxException("cannot make the job's cgroup " + cgroup.directory + ": " + e.getMessage(), e);
        }
        return cgroup;
    }

    /**
     * Kills every process in a job cgroup left by a worker that died without cleaning up, and removes it.
     *
     * @param parent the parent cgroup
     * @param name the cgroup's name
     * @return how many processes were killed
     */
    static int reap(Parent parent, String name) {
        JobCgroupV2 left = new JobCgroupV2(parent, name, SandboxLimits.of(Duration.ZERO, 1));
        left.released.set(true);
        int killed = left.killMembers();
        CgroupFiles.removeWhenEmpty(left.directory);
        return killed;
    }

    Path directory() {
        return directory;
    }

    private void setLimits() throws IOException {
        if (limits.memoryBytes() > 0) {
            CgroupFiles.write(directory.resolve("memory.max"), Long.toString(limits.memoryBytes()));
            if (parent.has("memory.swap.max")) {
                CgroupFiles.write(directory.resolve("memory.swap.max"), "0");
            }
            if (parent.has("memory.oom.group")) {
                CgroupFiles.write(directory.resolve("memory.oom.group"), "1");
            }
        }
        if (limits.processes() > 0) {
            CgroupFiles.write(directory.resolve("pids.max"), Integer.toString(limits.processes()));
        }
        if (limits.cpus() > 0) {
            CgroupFiles.write(directory.resolve("cpu.max"), limits.cpus() * CPU_PERIOD_MICROS + " " + CPU_PERIOD_MICROS);
        }
    }

    @Override
    public List<Path> entryFiles() {
        return List.of(directory.resolve("cgroup.procs"));
    }

    @Override
    public List<String> enter(List<String> line) {
        return CgroupFiles.enter(List.of(directory.resolve("cgroup.procs")), line);
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
        List<Long> members = alive();
        if (parent.has("cgroup.kill")) {
            try {
                // the kernel kills the whole cgroup, forks racing with the kill included
                CgroupFiles.write(directory.resolve("cgroup.kill"), "1");
                return members.size();
            } catch (IOException e) {
                LOG.debug("could not write {}/cgroup.kill: {}", directory, e.getMessage());
            }
        }
        return freezeAndKill();
    }

    private int freezeAndKill() {
        int signalled = 0;
        for (int round = 0; round < CgroupFiles.ROUNDS; round++) {
            if (alive().isEmpty()) {
                return signalled;
            }
            // frozen, nothing in it can fork while the list is killed; SIGKILL takes effect once thawed
            freeze("1");
            for (long pid : alive()) {
                if (ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false)) {
                    signalled++;
                }
            }
            freeze("0");
            if (round > 0) {
                LockSupport.parkNanos(CgroupFiles.PAUSE_NANOS);
            }
        }
        LOG.warn("cgroup {} still had processes after {} rounds of SIGKILL", directory, CgroupFiles.ROUNDS);
        return signalled;
    }

    /** The processes listed in the cgroup that are alive: the kernel lists no zombie, a stale list may. */
    private List<Long> alive() {
        return CgroupFiles.pids(directory).stream().filter(pid -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent()).toList();
    }

    private void freeze(String state) {
        if (!parent.has("cgroup.freeze")) {
            return;
        }
        try {
            CgroupFiles.write(directory.resolve("cgroup.freeze"), state);
        } catch (IOException e) {
            LOG.debug("could not set {}/cgroup.freeze to {}: {}", directory, state, e.getMessage());
        }
    }

    @Override
    public ExitStatus judge(int exitCode, boolean outputTruncated) {
        return CgroupFiles.judge(limits, exitCode, outputTruncated,
                () -> CgroupFiles.counter(directory.resolve("memory.events"), "oom_kill"),
                () -> CgroupFiles.counter(directory.resolve("pids.events"), "max"));
    }

    @Override
    public void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        if (Files.isDirectory(directory)) {
            killMembers();
        }
        CgroupFiles.removeWhenEmpty(directory);
    }
}
