package io.resourcepool.core.sandbox;

import io.resourcepool.api.SandboxException;
import io.resourcepool.api.spi.sandbox.Isolation;
import io.resourcepool.api.spi.sandbox.IsolationFeature;
import io.resourcepool.api.spi.sandbox.OutputSink;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.sandbox.SandboxProcess;
import io.resourcepool.api.spi.sandbox.SandboxRequest;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code process} sandbox: runs a command as a plain child process, without a shell.
 *
 * <p>What it does for each command:
 * <ul>
 *   <li>the environment is exactly the request's variables; when they hold no {@code PATH}, it adds
 *       {@value #DEFAULT_PATH} so that ordinary programs are found, and nothing else;</li>
 *   <li>the program is looked up in that {@code PATH} (not the worker's) and started by its absolute path; a
 *       program that is not found makes {@link #start} throw a {@link SandboxException} naming it;</li>
 *   <li>it runs in the request's work directory, with standard input read from {@code /dev/null};</li>
 *   <li>a worker running as root runs it as the {@code run-as} user (default {@value #DEFAULT_RUN_AS}) through
 *       util-linux {@code setpriv}, and refuses to run anything when that is impossible; the work directory
 *       must then be usable by that user (the worker makes per-job directories for it);</li>
 *   <li>stdout and stderr are read as they come and passed on in chunks of up to 8 KiB; past the output cap,
 *       counted across both, one marker is passed and the rest is read and dropped, so the command never blocks
 *       on a full pipe;</li>
 *   <li>on timeout or cancel the whole process tree gets SIGKILL; the exit code is then 137 (128 + 9);</li>
 *   <li>where the worker may make cgroups ({@link JobCgroups}, a root worker on cgroup v1), each command runs in its
 *       own cgroup ({@link JobCgroup}): its memory limit, process limit and CPU share are the cgroup's, and
 *       timeout, cancel and the end of the main process kill every process in it, {@code setsid} daemons
 *       included;</li>
 *   <li>the CPU-time limit, and without a cgroup the memory and process limits, are set by util-linux
 *       {@code prlimit} right before the program (after the user switch): address space, CPU seconds (rounded
 *       up), and processes of the job's user, which the kernel counts per user, not per job. Without
 *       {@code prlimit} a request asking for one is refused. A job killed for its CPU time or by the
 *       out-of-memory killer of its cgroup ends {@code LIMIT_EXCEEDED}.</li>
 * </ul>
 * It gives no isolation beyond the user switch and those limits, and {@link #isolation()} says so. The limits of
 * the tree kill without a cgroup are described in the package documentation.
 *
 * <p>Thread-safe. Output is read on daemon platform threads from a cached pool that this sandbox owns
 * ({@link SandboxHost}); idle ones end by themselves, so the sandbox needs no closing.
 */
public final class ProcessSandbox implements Sandbox {
    /** The {@code PATH} a command gets when its request gives none. */
    public static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
    /** The user a root worker runs commands as unless configured otherwise. */
    public static final String DEFAULT_RUN_AS = "nobody";

    private final SandboxHost host;

    /** A sandbox that, under a root worker, runs commands as {@value #DEFAULT_RUN_AS}. */
    public ProcessSandbox() {
        this(DEFAULT_RUN_AS);
    }

    /**
     * A sandbox that, under a root worker, runs commands as {@code runAs}. Does no I/O: the user is looked up
     * on first use.
     *
     * @param runAs a user name, a uid, or {@code uid:gid}; never root
     */
    public ProcessSandbox(String runAs) {
        this(runAs, JobLimitSettings.DEFAULT);
    }

    /**
     * A sandbox that, under a root worker, runs commands as {@code runAs}, limiting them as {@code settings} say.
     * Does no I/O.
     *
     * @param runAs a user name, a uid, or {@code uid:gid}; never root
     * @param settings per-job cgroups or not, and the worker's ceilings
     */
    public ProcessSandbox(String runAs, JobLimitSettings settings) {
        this(runAs, KernelLimits.PRLIMIT, settings);
    }

    ProcessSandbox(String runAs, List<Path> prlimit, JobLimitSettings settings) {
        this.host = new SandboxHost(runAs, prlimit, settings, "sandbox-output-");
    }

    /**
     * No isolation, the user commands run as, and the kernel limits. {@code UNPRIVILEGED_USER} is given when
     * commands never run as root: the worker drops to the {@code run-as} user, or is not root itself. The memory,
     * CPU-time and process limits are given when {@code prlimit} exists. Nothing is claimed when commands would
     * be refused.
     *
     * @return the isolation really given
     */
    @Override
    public Isolation isolation() {
        Isolation who = host.jobUser().isolation();
        if (who.description().contains("refuses to run jobs")) {
            return who;
        }
        Set<IsolationFeature> features = EnumSet.noneOf(IsolationFeature.class);
        features.addAll(who.features());
        features.addAll(host.limitFeatures());
        return new Isolation(features, who.description() + "; " + host.describeLimits());
    }

    /**
     * Starts a command.
     *
     * @param request what to run
     * @param output where output goes, as it comes
     * @return the running command
     * @throws SandboxException when the program is not found, the work directory is missing, the process cannot
     *     be started, or only root could run it
     */
    @Override
    public SandboxProcess start(SandboxRequest request, OutputSink output) {
        Objects.requireNonNull(request, "request must be given");
        Objects.requireNonNull(output, "output must be given");
        Path startDirectory = request.startDirectory();
        String program = request.command().get(0);
        SandboxHost.requireWorkDirectory(startDirectory, program);
        Map<String, String> environment = SandboxHost.environmentOf(request);
        Path located = ProgramPath.locate(program, environment.get("PATH"), startDirectory);
        return host.start(request, output, startDirectory, rlimits -> {
            List<String> line = host.kernelLimits().commandLine(rlimits, located, request.command().subList(1, request.command().size()));
            return host.jobUser().launch(Path.of(line.get(0)), line.subList(1, line.size()), environment);
        });
    }

    @Override
    public String toString() {
        return "ProcessSandbox[runAs=" + host.runAs() + "]";
    }
}
