package io.resourcepool.core.sandbox;

import io.resourcepool.api.SandboxException;
import io.resourcepool.api.spi.sandbox.ExitStatus;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's cgroup in each v1 hierarchy ({@link JobCgroups}). The process is started inside it: by a root worker's
 * launch helper, whose child joins it before it drops to the job's uid ({@link LaunchHelper}), or by the worker
 * itself ({@link ThreadCgroups}): the starting thread enters the cgroup, forks, and leaves. Either way the process
 * and everything it starts are inside from their first instruction, with no program started to enter it; a daemon that calls
 * {@code setsid} or double-forks stays inside. Limits: {@code memory.limit_in_bytes} (and the memory+swap limit
 * where the kernel has one) from the memory request, {@code pids.max} from the process limit (two more while the
 * worker's threads may be inside, until the process has started), and
 * {@code cpu.cfs_quota_us} of {@code cpus} periods from the CPU request. Killing freezes the cgroup, sends
 * SIGKILL to every process in it and thaws it, until it is empty.
 */
final class JobCgroup implements Containment {
    private static final Logger LOG = LoggerFactory.getLogger(JobCgroup.class);

    /** The worker's threads that may be inside while a process starts: the starting thread and a new process reaper. */
    private static final int STARTING_THREADS = 2;

    private final Map<String, Path> directories;
    private final SandboxLimits limits;
    /** {@code devices.deny} rules, written when the run has a {@value JobCgroups#DEVICES} cgroup. */
    private final List<String> deviceDenials;
    private final AtomicBoolean released = new AtomicBoolean();

    private JobCgroup(Map<String, Path> directories, SandboxLimits limits, List<String> deviceDenials) {
        this.directories = directories;
        this.limits = limits;
        this.deviceDenials = List.copyOf(deviceDenials);
    }

    /**
     * Makes the cgroup of one run and sets its limits.
     *
     * @param parents the parent directory in each hierarchy
     * @param name the run's cgroup name
     * @param limits its limits
     * @param deviceDenials the {@code devices.deny} rules, when {@code parents} has a devices hierarchy
     * @return the cgroup
     * @throws SandboxException when it cannot be made or a limit cannot be set
     */
    static JobCgroup create(Map<String, Path> parents, String name, SandboxLimits limits, List<String> deviceDenials) {
        Map<String, Path> directories = new java.util.LinkedHashMap<>();
        parents.forEach((controller, parent) -> directories.put(controller, parent.resolve(name)));
        JobCgroup cgroup = new JobCgroup(Map.copyOf(directories), limits, deviceDenials);
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
        JobCgroup left = new JobCgroup(Map.copyOf(directories), SandboxLimits.of(java.time.Duration.ZERO, 1), List.of());
        int killed = left.killMembers();
        left.released.set(true);
        directories.values().stream().filter(Files::isDirectory).forEach(CgroupFiles::removeWhenEmpty);
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
            // the worker's starting thread counts while it is inside, and so does a process reaper thread the JDK may make
            // then: room for both until the process has started (ThreadCgroups), when the limit is settled
            write(directories.get("pids").resolve("pids.max"), limits.processes() + (long) STARTING_THREADS);
        }
        if (limits.cpus() > 0) {
            Path cpu = directories.get("cpu");
            long period = Long.parseLong(Files.readString(cpu.resolve("cpu.cfs_period_us")).strip());
            write(cpu.resolve("cpu.cfs_quota_us"), period * limits.cpus());
        }
        Path devices = directories.get(JobCgroups.DEVICES);
        if (devices != null && !deviceDenials.isEmpty()) {
            denyDevices(devices.resolve("devices.deny"));
        }
    }

    /** The kernel takes one rule per write, so each goes in a write of its own. */
    private void denyDevices(Path deny) throws IOException {
        try (var out = Files.newOutputStream(deny, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.APPEND)) {
            for (String rule : deviceDenials) {
                out.write((rule + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
        }
    }

    private static void write(Path file, long value) throws IOException {
        Files.writeString(file, Long.toString(value));
    }

    @Override
    public List<String> enter(List<String> line) {
        // entered by the start itself, not by a program on the command line
        return line;
    }

    @Override
    public List<Path> entryFiles() {
        return directories.values().stream().map(directory -> directory.resolve("cgroup.procs")).toList();
    }

    @Override
    public Process start(ProcessBuilder builder, ProcessLauncher launcher) throws IOException {
        if (launcher.entersCgroups()) {
            // the process joins the cgroups itself, before its program runs; no thread of the worker was inside
            Process process = launcher.start(builder, entryFiles());
            settleProcessLimit();
            return process;
        }
        // the worker's own cgroup is the parent of the jobs' parent in each hierarchy (JobCgroups#findLegacy)
        List<Path> home = directories.values().stream().map(d -> d.getParent().getParent()).toList();
        return ThreadCgroups.start(builder, directories.values(), home, this::settleProcessLimit);
    }

    /** Once the process has started, the process limit without room for the starting thread. */
    private void settleProcessLimit() throws IOException {
        if (limits.processes() > 0) {
            write(directories.get("pids").resolve("pids.max"), limits.processes());
        }
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
        for (int round = 0; round < CgroupFiles.ROUNDS; round++) {
            List<Long> pids = CgroupFiles.pids(freezer).stream().filter(pid -> !ThreadCgroups.isWorker(pid)).toList();
            if (pids.isEmpty()) {
                return signalled;
            }
            // frozen, nothing in it can fork while the list is killed; SIGKILL takes effect once thawed
            freeze(freezer, "FROZEN");
            for (long pid : CgroupFiles.pids(freezer)) {
                if (ThreadCgroups.isWorker(pid)) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false)) {
                    signalled++;
                }
            }
            freeze(freezer, "THAWED");
            if (round > 0) {
                LockSupport.parkNanos(CgroupFiles.PAUSE_NANOS);
            }
        }
        LOG.warn("cgroup {} still had processes after {} rounds of SIGKILL", freezer, CgroupFiles.ROUNDS);
        return signalled;
    }

    private static void freeze(Path freezer, String state) {
        try {
            Files.writeString(freezer.resolve("freezer.state"), state);
        } catch (IOException e) {
            LOG.debug("could not set {} to {}: {}", freezer, state, e.getMessage());
        }
    }

    @Override
    public ExitStatus judge(int exitCode, boolean outputTruncated) {
        return CgroupFiles.judge(limits, exitCode, outputTruncated,
                () -> CgroupFiles.counter(directories.get("memory").resolve("memory.oom_control"), "oom_kill"),
                () -> CgroupFiles.counter(directories.get("pids").resolve("pids.events"), "max"));
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
            CgroupFiles.removeWhenEmpty(directory);
        }
    }
}
