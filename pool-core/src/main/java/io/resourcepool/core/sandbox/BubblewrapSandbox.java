package io.resourcepool.core.sandbox;

import io.resourcepool.api.SandboxException;
import io.resourcepool.api.spi.sandbox.Isolation;
import io.resourcepool.api.spi.sandbox.IsolationFeature;
import io.resourcepool.api.spi.sandbox.OutputSink;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.sandbox.SandboxProcess;
import io.resourcepool.api.spi.sandbox.SandboxRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs each command in a bubblewrap ({@code bwrap}) container, type {@code bubblewrap}:
 * <ul>
 *   <li>of the host it sees only {@code /usr}, {@code /etc} and the {@code /bin}, {@code /sbin}, {@code /lib*}
 *       directories (read-only; merged-/usr links made again as links), and the operator's extra read-only paths
 *       ({@link HostView}); never {@code /home}, {@code /root}, {@code /var}, {@code /srv}, {@code /run}, the
 *       host's {@code /tmp} or the worker's data directory (covered by an empty tmpfs if a bound path holds it);
 *       the work directory is the only writable host directory, bound at its own path, and the command starts
 *       in it; {@code /tmp} is a private tmpfs, {@code /proc} and {@code /dev} are the container's own;</li>
 *   <li>own user, PID, IPC and UTS namespaces: the command cannot see or signal the worker's processes, and
 *       (where bwrap has {@code --disable-userns}) cannot make user namespaces of its own;</li>
 *   <li>own network namespace, with only an unconnected loopback, unless the job asks for the network (its spec's
 *       {@code network}) and {@code allow-network} lets it have it; a job that asks where it may not is refused;</li>
 *   <li>exactly the request's environment, with {@value ProcessSandbox#DEFAULT_PATH} as {@code PATH} when it
 *       gives none, passed as bwrap's process environment (which bwrap passes on), never on a command line; the
 *       dynamic loader's unsafe variables ({@link LoaderVariables}) are given by {@code env} inside the
 *       container, right before the program;</li>
 *   <li>never root: a root worker starts {@code bwrap} under a uid of the job's own (through its launch helper, or
 *       {@code setpriv} where there is none)
 *       ({@link JobUser}), so that neither bwrap nor the command ever holds root; bwrap then builds the container
 *       in an unprivileged user namespace (the kernel must allow those, as Debian's does). Under a worker that
 *       is not root the command has the worker's uid outside its namespaces, but sees none of the worker's
 *       files;</li>
 *   <li>output, cap, timeout and cancel work as in {@link ProcessSandbox}, but more strongly: bwrap runs with
 *       {@code --die-with-parent}, and killing it ends its PID namespace, so every process of the command dies,
 *       also a daemon that called {@code setsid} or was re-parented. Nothing a command starts outlives it.</li>
 * </ul>
 * Job limits are those of {@link ProcessSandbox}: a per-job cgroup ({@link JobCgroup}, entered before bwrap
 * starts) for memory, processes and CPU share where the worker may make one, and util-linux {@code prlimit}
 * ({@link KernelLimits}) inside the container for CPU time, and for memory and processes otherwise.
 *
 * <p>Creating one does no I/O. Without {@code /usr/bin/bwrap} every {@code start} is refused with a
 * {@link SandboxException} that says how to install it. Thread-safe; needs no closing.
 */
public final class BubblewrapSandbox implements Sandbox {
    /** Where Debian's bubblewrap package installs bwrap. */
    public static final Path BWRAP = Path.of("/usr/bin/bwrap");
    /** Why a machine without bwrap cannot run this sandbox, and what to do. */
    public static final String NOT_INSTALLED =
            "bubblewrap is not installed (Debian: apt-get install bubblewrap); install it, or choose worker.sandbox=process";

    private final SandboxHost host;
    private final boolean allowNetwork;
    private final Path bwrap;
    private final HostView view;
    private final JobSyscallFilter filter = JobSyscallFilter.standard();
    private volatile Boolean disablesUserNamespaces;

    /**
     * A sandbox; does no I/O.
     *
     * @param view what of the host jobs see
     * @param allowNetwork whether commands keep the host's network
     */
    public BubblewrapSandbox(HostView view, boolean allowNetwork) {
        this(view, JobUidRange.DEFAULT_RANGE, allowNetwork, JobLimitSettings.DEFAULT);
    }

    /**
     * A sandbox that limits commands as {@code settings} say; does no I/O.
     *
     * @param view what of the host jobs see
     * @param uids the uids of a root worker's jobs
     * @param allowNetwork whether commands keep the host's network
     * @param settings per-job cgroups or not, and the worker's ceilings
     */
    public BubblewrapSandbox(HostView view, JobUidRange uids, boolean allowNetwork, JobLimitSettings settings) {
        this(view, uids, allowNetwork, BWRAP, KernelLimits.PRLIMIT, settings);
    }

    BubblewrapSandbox(HostView view, JobUidRange uids, boolean allowNetwork, Path bwrap, List<Path> prlimit, JobLimitSettings settings) {
        this.host = new SandboxHost(uids, prlimit, settings, "bwrap-output-");
        this.view = Objects.requireNonNull(view, "view must be given");
        this.allowNetwork = allowNetwork;
        this.bwrap = Objects.requireNonNull(bwrap, "bwrap must be given");
    }

    /**
     * Says whether this machine can run the sandbox at all.
     *
     * @return why not, or empty when bwrap is installed
     */
    public java.util.Optional<String> unavailable() {
        return Files.isExecutable(bwrap) ? java.util.Optional.empty() : java.util.Optional.of(NOT_INSTALLED);
    }

    /**
     * The file-system, namespace and (unless allowed) network isolation, and who commands run as. A job never
     * runs as the worker's user inside, never sees the worker's files, and under a root worker has a uid of its
     * own: {@code SEPARATE_IDENTITY} on any worker. Nothing is claimed when commands would be refused.
     *
     * @return the isolation really given
     */
    @Override
    public Isolation isolation() {
        if (!Files.isExecutable(bwrap)) {
            return new Isolation(Set.of(), "bubblewrap: refuses to run jobs: " + NOT_INSTALLED);
        }
        JobUser user = host.jobUser();
        if (user.refusal().isPresent()) {
            return new Isolation(Set.of(), "bubblewrap: " + user.describe());
        }
        Set<IsolationFeature> features = EnumSet.of(IsolationFeature.FILESYSTEM, IsolationFeature.PROCESS_NAMESPACE,
                IsolationFeature.WHOLE_TREE_KILL, IsolationFeature.SEPARATE_IDENTITY, IsolationFeature.UNPRIVILEGED_USER,
                IsolationFeature.NETWORK);
        features.addAll(host.limitFeatures());
        if (filter.active()) {
            features.add(IsolationFeature.SYSCALL_FILTER);
        }
        String who = user.separate() ? user.describe()
                : "jobs run in a user namespace of their own, as the worker's uid " + user.workerUid() + " outside it, seeing none of its files";
        return new Isolation(features, "bubblewrap: only /usr, /etc and the system's /bin, /sbin, /lib* read-only"
                + (view.readOnlyPaths().isEmpty() ? "" : " (and " + view.readOnlyPaths() + ")")
                + ", no /home, /root, /var, /run, host /tmp or worker data; private 0700 work directory, private /tmp;"
                + " own user/PID/IPC/UTS namespaces, " + (allowNetwork ? "no network unless the job asks for it" : "no network, even for jobs that ask")
                + "; " + who + "; " + filter.describe() + "; " + host.describeLimits());
    }

    /**
     * Starts a command in its container.
     *
     * @param request what to run
     * @param output where output goes, as it comes
     * @return the running command
     * @throws SandboxException when bubblewrap is missing, the program is not found, the work directory is
     *     missing, the process cannot be started, or only root could run it
     */
    @Override
    public SandboxProcess start(SandboxRequest request, OutputSink output) {
        Objects.requireNonNull(request, "request must be given");
        Objects.requireNonNull(output, "output must be given");
        if (!Files.isExecutable(bwrap)) {
            throw new SandboxException(NOT_INSTALLED);
        }
        String program = request.command().get(0);
        if (request.network() && !allowNetwork) {
            throw new SandboxException("cannot start '" + program + "': it asks for the network, which this worker's sandbox gives no job"
                    + " (worker.allow-network=false)");
        }
        Path workDirectory = SandboxHost.realDirectory(request.workDirectory(), program);
        Path startDirectory = SandboxHost.realDirectory(request.startDirectory(), program);
        Map<String, String> environment = SandboxHost.environmentOf(request);
        Path located = ProgramPath.locate(program, environment.get("PATH"), startDirectory);
        LoaderVariables.Split split = LoaderVariables.split(environment);
        List<String> options = BubblewrapCommand.options(view, workDirectory, startDirectory, request.network(), disablesUserNamespaces(),
                request.devices());
        return host.start(request, output, startDirectory, (rlimits, identity) -> {
            List<String> arguments = new ArrayList<>(options);
            arguments.add(0, bwrap.toString());
            arguments.addAll(filter.options());
            arguments.add("--");
            arguments.addAll(filter.command(JobUser.withLoaderVariables(split.unsafe(),
                    host.kernelLimits().commandLine(rlimits, located, request.command().subList(1, request.command().size())))));
            return new SandboxHost.Launch(host.jobUser().commandLine(identity, arguments), split.safe(), filter.standardInput());
        });
    }

    /** Whether this bwrap knows {@code --disable-userns} (bubblewrap 0.8 and later); asked once. */
    private boolean disablesUserNamespaces() {
        Boolean known = disablesUserNamespaces;
        if (known == null) {
            known = BubblewrapVersion.supports(bwrap, "--disable-userns");
            disablesUserNamespaces = known;
        }
        return known;
    }

    @Override
    public String toString() {
        return "BubblewrapSandbox[jobUids=" + host.uids() + ", allowNetwork=" + allowNetwork + ", readOnlyPaths=" + view.readOnlyPaths() + "]";
    }
}
