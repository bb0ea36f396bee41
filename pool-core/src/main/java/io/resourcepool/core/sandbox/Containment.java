package io.resourcepool.core.sandbox;

import io.resourcepool.api.spi.sandbox.ExitStatus;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What holds one run's processes: how the command line enters it, which limits it enforces itself (the rest go to
 * {@code prlimit}), how every process of the run is killed, and what it recorded about how the run ended.
 * {@link JobCgroup} is the strong one; {@link #processTree} the fallback.
 */
interface Containment {
    /**
     * The command line that runs {@code line} inside this containment.
     *
     * @param line the command line
     * @return the command line to start
     */
    List<String> enter(List<String> line);

    /**
     * The files a process writes {@code 0} to, to join this containment's cgroups: each one's {@code cgroup.procs}.
     *
     * @return the files; none when this containment is no cgroup
     */
    default List<Path> entryFiles() {
        return List.of();
    }

    /**
     * Starts the run's process. A launcher that enters cgroups itself ({@link ProcessLauncher#entersCgroups()}) is
     * given {@link #entryFiles()}, and the command line is then the job's own; otherwise it is the one {@link #enter}
     * gave, and a containment that the worker can put the process in as it starts (a cgroup v1 cgroup,
     * {@link ThreadCgroups}) does so here.
     *
     * @param builder the process, with its command line, environment, directory and redirections
     * @param launcher what starts it
     * @return the started process
     * @throws IOException when it cannot be started
     */
    default Process start(ProcessBuilder builder, ProcessLauncher launcher) throws IOException {
        return launcher.start(builder, launcher.entersCgroups() ? entryFiles() : List.of());
    }

    /**
     * The limits left for {@code prlimit}: those this containment does not enforce itself.
     *
     * @return the limits
     */
    SandboxLimits rlimits();

    /**
     * Kills the run's processes.
     *
     * @param root the main process
     * @return how many processes were signalled
     */
    int killAll(ProcessHandle root);

    /**
     * Says whether this containment can find and kill every process of the run, including ones that left the
     * process group or were re-parented, so that the run kills them when its main process ends.
     *
     * @return true for a cgroup
     */
    boolean holdsEveryProcess();

    /**
     * How a run that ended by itself ended, in the light of what the kernel recorded.
     *
     * @param exitCode the main process's exit code
     * @param outputTruncated whether output was cut
     * @return the status
     */
    ExitStatus judge(int exitCode, boolean outputTruncated);

    /** The run has completed: kill what is left and remove what was made for it. Idempotent. */
    void release();

    /**
     * The fallback: processes found through parent links ({@link ProcessTree}), all limits left to {@code prlimit}.
     *
     * @param limits the run's limits
     * @return the containment
     */
    static Containment processTree(SandboxLimits limits) {
        return new Containment() {
            @Override
            public List<String> enter(List<String> line) {
                return line;
            }

            @Override
            public SandboxLimits rlimits() {
                return limits;
            }

            @Override
            public int killAll(ProcessHandle root) {
                return ProcessTree.kill(root);
            }

            @Override
            public boolean holdsEveryProcess() {
                return false;
            }

            @Override
            public ExitStatus judge(int exitCode, boolean outputTruncated) {
                return KernelLimits.judge(limits, exitCode, outputTruncated);
            }

            @Override
            public void release() {
                // nothing was made
            }
        };
    }
}
