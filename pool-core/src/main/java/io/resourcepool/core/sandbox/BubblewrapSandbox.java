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
 *   <li>the whole system is mounted read-only; the work directory is the only writable host directory, and the
 *       command starts in it; {@code /tmp} is a private tmpfs, {@code /proc} and {@code /dev} are the
 *       container's own;</li>
 *   <li>own PID, IPC and UTS namespaces: the command cannot see or signal the worker's processes;</li>
 *   <li>own network namespace, with only an unconnected loopback, unless the job asks for the network (its spec's
 *       {@code network}) and {@code allow-network} lets it have it; a job that asks where it may not is refused;</li>
 *   <li>exactly the request's environment ({@code --clearenv}), with {@value ProcessSandbox#DEFAULT_PATH} as
 *       {@code PATH} when it gives none, as in {@link ProcessSandbox};</li>
 *   <li>never root: a root worker starts {@code bwrap} itself through {@code setpriv} as the {@code run-as} user,
 *       so that neither bwrap nor the command ever holds root, and bwrap builds the container in an
 *       unprivileged user namespace (the kernel must allow those, as Debian's does);</li>
 *   <li>output, cap, timeout and cancel work as in {@link ProcessSandbox}, but more strongly: bwrap runs with
 *       {@code --die-with-parent}, and killing it ends its PID namespace, so every process of the command dies,
 *       also a daemon that called {@code setsid} or was re-parented. Nothing a command starts outlives it.</li>
 * </ul>
 * Job limits are those of {@link ProcessSandbox}: a per-job cgroup ({@link JobCgroup}, entered before bwrap
 * starts) for memory, processes and CPU share where the worker may make one, and util-linux {@code prlimit}
 * ({@link KernelLimits}) inside the container for CPU time, and for memory and processes otherwise. The environment's values are on bwrap's command line, which users of the host (not jobs, which
 * have their own {@code /proc}) can read.
 *
 * <p>Creating one does no I/O. Without {@code /usr/bin/bwrap} every {@code start} is refused with a
 * {@link SandboxException} that says how to install it. Thread-safe; needs no closing.
 */
public final class BubblewrapSandbox implements Sandbox {
    /** Where Debian's bubblewrap package installs bwrap. */
    public static final Path BWRAP = Path.of("/usr/bin/bwrap");
    static final String NOT_INSTALLED =
            "bubblewrap is not installed (Debian: apt-get install bubblewrap); use worker.sandbox=process or install it";

    private final SandboxHost host;
    private final boolean allowNetwork;
    private final Path bwrap;

    /**
     * A sandbox; does no I/O.
     *
     * @param runAs the user a root worker runs commands as: a name, a uid or {@code uid:gid}; never root
     * @param allowNetwork whether commands keep the host's network
     */
    public BubblewrapSandbox(String runAs, boolean allowNetwork) {
        this(runAs, allowNetwork, JobLimitSettings.DEFAULT);
    }

    /**
     * A sandbox that limits commands as {@code settings} say; does no I/O.
     *
     * @param runAs the user a root worker runs commands as: a name, a uid or {@code uid:gid}; never root
     * @param allowNetwork whether commands keep the host's network
     * @param settings per-job cgroups or not, and the worker's ceilings
     */
    public BubblewrapSandbox(String runAs, boolean allowNetwork, JobLimitSettings settings) {
        this(runAs, allowNetwork, BWRAP, KernelLimits.PRLIMIT, settings);
    }

    BubblewrapSandbox(String runAs, boolean allowNetwork, Path bwrap, List<Path> prlimit, JobLimitSettings settings) {
        this.host = new SandboxHost(runAs, prlimit, settings, "bwrap-output-");
        this.allowNetwork = allowNetwork;
        this.bwrap = Objects.requireNonNull(bwrap, "bwrap must be given");
    }

    /**
     * The file-system, process-namespace and (unless allowed) network isolation, and the user commands run as.
     * Nothing is claimed when commands would be refused: bubblewrap missing, or no unprivileged user.
     *
     * @return the isolation really given
     */
    @Override
    public Isolation isolation() {
        if (!Files.isExecutable(bwrap)) {
            return new Isolation(Set.of(), "bubblewrap: refuses to run jobs: " + NOT_INSTALLED);
        }
        JobUser jobUser = host.jobUser();
        String who = jobUser.isolation().description().replace(JobUser.NO_ISOLATION + "; ", "");
        if (who.startsWith("refuses to run jobs")) {
            return new Isolation(Set.of(), "bubblewrap: " + who);
        }
        Set<IsolationFeature> features = EnumSet.of(IsolationFeature.FILESYSTEM, IsolationFeature.PROCESS_NAMESPACE,
                IsolationFeature.WHOLE_TREE_KILL);
        features.addAll(jobUser.isolation().features());
        features.addAll(host.limitFeatures());
        features.add(IsolationFeature.NETWORK);
        return new Isolation(features, "bubblewrap: read-only system, writable work directory, private /tmp, own PID/IPC/UTS"
                + " namespaces, " + (allowNetwork ? "no network unless the job asks for it" : "no network, even for jobs that ask")
                + "; " + host.describeLimits() + "; " + who);
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
        Path workDirectory = realDirectory(request.workDirectory(), program);
        Path startDirectory = realDirectory(request.startDirectory(), program);
        Map<String, String> environment = SandboxHost.environmentOf(request);
        Path located = ProgramPath.locate(program, environment.get("PATH"), startDirectory);
        return host.start(request, output, startDirectory, rlimits -> {
            List<String> arguments = new ArrayList<>(BubblewrapCommand.options(workDirectory, startDirectory, environment, request.network()));
            arguments.add("--");
            arguments.addAll(host.kernelLimits().commandLine(rlimits, located, request.command().subList(1, request.command().size())));
            // bwrap and setpriv get no environment at all: the command's reaches the command only, through --setenv
            return new JobUser.Launch(host.jobUser().commandLine(bwrap, arguments), Map.of());
        });
    }

    private static Path realDirectory(Path directory, String program) {
        SandboxHost.requireWorkDirectory(directory, program);
        try {
            // bound by its real path: a symbolic link on the way would otherwise point into the read-only system
            return directory.toRealPath();
        } catch (IOException e) {
            throw new SandboxException("cannot start '" + program + "': work directory " + directory + " cannot be resolved", e);
        }
    }

    @Override
    public String toString() {
        return "BubblewrapSandbox[runAs=" + host.runAs() + ", allowNetwork=" + allowNetwork + "]";
    }
}
