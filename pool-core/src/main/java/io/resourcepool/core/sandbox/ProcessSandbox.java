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
 *   <li>it runs in the request's work directory, with standard input read from {@code /dev/null}, and
 *       {@code TMPDIR} (unless the request sets one) a private {@code .tmp} directory in it, since the host's
 *       {@code /tmp} is shared;</li>
 *   <li>a worker running as root runs it under a uid and gid of its own from a range ({@link JobUidRange}),
 *       started by its launch helper ({@link LaunchHelper}) or, where none can run, through util-linux
 *       {@code setpriv}, gives it the work directory, and when it ends kills every process
 *       of that uid before the uid is reused ({@link JobUser}); it refuses to run anything when that is
 *       impossible. A worker that is not root runs it as itself: a shared identity, which {@link #isolation()}
 *       says plainly;</li>
 *   <li>the environment is the process's environment, never a command line; only where {@code setpriv} (root until
 *       it switches) runs first, the few variables the dynamic loader treats as unsafe ({@link LoaderVariables})
 *       that the request sets are given by {@code env} right before the program; the {@code TMPDIR} the worker
 *       chose is not the job's input and needs no {@code env}. So a job costs no program start beside its own,
 *       and one ({@code setpriv}) under a root worker without a launch helper;</li>
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
    /** The words that start the description of a plain process. */
    static final String PLAIN_PROCESS = "plain process: no namespaces, no file-system or network containment";

    private final SandboxHost host;

    /** A sandbox that, under a root worker, gives each command a uid of the default range {@value JobUidRange#DEFAULT}. */
    public ProcessSandbox() {
        this(JobUidRange.DEFAULT_RANGE, JobLimitSettings.DEFAULT);
    }

    /**
     * A sandbox that, under a root worker, gives each command a uid of {@code uids}, limiting them as {@code settings}
     * say. Does no I/O: who the worker is is looked up on first use.
     *
     * @param uids the uids of a root worker's jobs
     * @param settings per-job cgroups or not, and the worker's ceilings
     */
    public ProcessSandbox(JobUidRange uids, JobLimitSettings settings) {
        this(uids, KernelLimits.PRLIMIT, settings);
    }

    ProcessSandbox(JobUidRange uids, List<Path> prlimit, JobLimitSettings settings) {
        this(uids, prlimit, settings, true);
    }

    /** A sandbox whose root worker starts jobs through the launch helper, or (to test the other way) through setpriv. */
    ProcessSandbox(JobUidRange uids, List<Path> prlimit, JobLimitSettings settings, boolean launchHelper) {
        this.host = new SandboxHost(uids, prlimit, settings, "sandbox-output-", launchHelper);
    }

    /**
     * No containment, who commands run as, and the kernel limits. Under a root worker each command has a uid of
     * its own ({@code UNPRIVILEGED_USER}, {@code SEPARATE_IDENTITY}, and {@code WHOLE_TREE_KILL} since every
     * process of that uid is the command's); under another worker the identity is shared with the worker, and the
     * description starts by saying so. The memory, CPU-time and process limits are given when {@code prlimit}
     * exists. Nothing is claimed when commands would be refused.
     *
     * @return the isolation really given
     */
    @Override
    public Isolation isolation() {
        JobUser user = host.jobUser();
        if (user.refusal().isPresent()) {
            return new Isolation(Set.of(), PLAIN_PROCESS + "; " + user.describe());
        }
        Set<IsolationFeature> features = EnumSet.noneOf(IsolationFeature.class);
        features.addAll(user.features());
        features.addAll(host.limitFeatures());
        String description = user.separate()
                ? PLAIN_PROCESS + "; " + user.describe() + "; private 0700 work directory and TMPDIR, but the host's /tmp is shared"
                : user.describe() + "; " + PLAIN_PROCESS + "; use only for your own jobs on machines you trust";
        return new Isolation(features, description + "; " + host.describeLimits());
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
        Map<String, String> requested = SandboxHost.environmentOf(request);
        Map<String, String> environment = withPrivateTemporary(requested, request.workDirectory());
        Path located = ProgramPath.locate(program, environment.get("PATH"), startDirectory);
        // the job's own loader variables wait for env after the user switch; the TMPDIR the worker chose itself
        // (a path, not the job's input) may be setpriv's environment, so a plain job needs no env
        LoaderVariables.Split split = LoaderVariables.split(requested);
        Map<String, String> launcherEnvironment = withPrivateTemporary(split.safe(), request.workDirectory());
        return host.start(request, output, startDirectory, (rlimits, identity) -> {
            List<String> line = host.kernelLimits().commandLine(rlimits, located, request.command().subList(1, request.command().size()));
            if (host.jobUser().startsDirectly(identity)) {
                // nothing runs before the job's own program, which may have every variable as its environment
                return new SandboxHost.Launch(line, environment, SandboxHost.NO_INPUT);
            }
            return new SandboxHost.Launch(host.jobUser().commandLine(identity, JobUser.withLoaderVariables(split.unsafe(), line)),
                    launcherEnvironment, SandboxHost.NO_INPUT);
        });
    }

    /** The environment with {@code TMPDIR} the job's private temporary directory, unless the request set one. */
    private static Map<String, String> withPrivateTemporary(Map<String, String> environment, Path workDirectory) {
        if (environment.containsKey("TMPDIR")) {
            return environment;
        }
        Map<String, String> with = new java.util.HashMap<>(environment);
        with.put("TMPDIR", WorkDirectories.privateTemporary(workDirectory).toAbsolutePath().toString());
        return with;
    }

    @Override
    public String toString() {
        return "ProcessSandbox[jobUids=" + host.uids() + "]";
    }
}
