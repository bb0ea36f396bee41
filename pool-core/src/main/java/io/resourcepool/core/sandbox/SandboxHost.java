package io.resourcepool.core.sandbox;

import io.resourcepool.api.SandboxException;
import io.resourcepool.api.spi.sandbox.IsolationFeature;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import io.resourcepool.api.spi.sandbox.OutputSink;
import io.resourcepool.api.spi.sandbox.SandboxProcess;
import io.resourcepool.api.spi.sandbox.SandboxRequest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What both sandboxes share on the worker's side: who commands run as (a uid per job under a root worker), the per-job cgroups and the kernel
 * limits (each looked up on first use, so making a sandbox does no I/O), the worker's ceilings on job limits, the default environment, and starting a process and
 * watching it with output threads this host owns (daemon platform threads from a cached pool; idle ones end by
 * themselves, so nothing needs closing).
 */
final class SandboxHost {
    /** What no sandbox limits yet, said in every isolation report. */
    static final String NO_DISK_LIMIT = "no disk quota: a job may fill the file system of its work directory";
    /** Standard input from {@code /dev/null}. */
    static final ProcessBuilder.Redirect NO_INPUT = ProcessBuilder.Redirect.from(new File("/dev/null"));

    private final JobUidRange uids;
    private final List<Path> prlimit;
    private final JobLimitSettings settings;
    private final ExecutorService threads;
    private final boolean launchHelper;
    private volatile JobUser user;
    private volatile KernelLimits kernelLimits;
    private volatile JobCgroups cgroups;

    SandboxHost(JobUidRange uids, List<Path> prlimit, JobLimitSettings settings, String threadPrefix) {
        this(uids, prlimit, settings, threadPrefix, true);
    }

    /** A host whose root worker starts jobs through the launch helper, or (for tests of the other way) never. */
    SandboxHost(JobUidRange uids, List<Path> prlimit, JobLimitSettings settings, String threadPrefix, boolean launchHelper) {
        this.launchHelper = launchHelper;
        this.uids = Objects.requireNonNull(uids, "uids must be given");
        this.prlimit = List.copyOf(prlimit);
        this.settings = Objects.requireNonNull(settings, "settings must be given");
        this.threads = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name(threadPrefix, 1).factory());
    }

    JobUidRange uids() {
        return uids;
    }

    JobUser jobUser() {
        JobUser resolved = user;
        if (resolved == null) {
            synchronized (this) {
                if (user == null) {
                    user = JobUser.resolve(uids, launchHelper);
                }
                resolved = user;
            }
        }
        return resolved;
    }

    KernelLimits kernelLimits() {
        KernelLimits resolved = kernelLimits;
        if (resolved == null) {
            // a benign race: two threads may both look, and find the same
            resolved = KernelLimits.find(prlimit);
            kernelLimits = resolved;
        }
        return resolved;
    }

    JobCgroups cgroups() {
        JobCgroups resolved = cgroups;
        if (resolved == null) {
            synchronized (this) {
                if (cgroups == null) {
                    cgroups = settings.cgroupRoot().map(JobCgroups::find)
                            .orElseGet(() -> JobCgroups.none("turned off by configuration"));
                }
                resolved = cgroups;
            }
        }
        return resolved;
    }

    /** The request's limits under the worker's ceilings. */
    SandboxLimits limitsOf(SandboxRequest request) {
        return settings.apply(request.limits());
    }

    /** The features both sandboxes get from the kernel: the cgroup's, and {@code prlimit}'s for what is left. */
    Set<IsolationFeature> limitFeatures() {
        Set<IsolationFeature> features = EnumSet.noneOf(IsolationFeature.class);
        features.addAll(kernelLimits().features());
        features.addAll(cgroups().features());
        return features;
    }

    /** Says in words what limits are enforced, and how. */
    String describeLimits() {
        return cgroups().describe() + "; " + kernelLimits().describe() + "; " + NO_DISK_LIMIT;
    }

    /**
     * How to start one job's process.
     *
     * @param commandLine the full command line
     * @param environment its process environment: none of {@link LoaderVariables} when a program other than the
     *     job's runs first ({@code setpriv}, {@code bwrap})
     * @param input its standard input
     */
    record Launch(List<String> commandLine, Map<String, String> environment, ProcessBuilder.Redirect input) {
        Launch {
            commandLine = List.copyOf(commandLine);
            environment = Map.copyOf(environment);
        }
    }

    /** What a sandbox builds for one job, given the limits left to {@code prlimit} and the job's identity. */
    interface LaunchPlan {
        Launch build(SandboxLimits rlimits, JobUser.Identity identity);
    }

    /**
     * Takes the job's identity, hands its work directory over to it, enters the run's containment, builds the
     * command line with {@code plan}, starts it and watches it. The containment and identity are released when the
     * run completes, or at once if anything fails.
     */
    SandboxProcess start(SandboxRequest request, OutputSink output, Path directory, LaunchPlan plan) {
        SandboxLimits limits = limitsOf(request);
        JobUser user = jobUser();
        JobUser.Identity identity = user.take(request.command().get(0));
        Containment containment;
        try {
            WorkDirectories.handOver(request.workDirectory(), identity);
            containment = new UidContainment(cgroups().contain(limits, request.devices()), user, identity);
        } catch (RuntimeException e) {
            user.giveBack(identity);
            throw e;
        }
        try {
            Launch launch = plan.build(containment.rlimits(), identity);
            ProcessLauncher launcher = user.launcher(identity);
            List<String> line = launcher.entersCgroups() ? launch.commandLine() : containment.enter(launch.commandLine());
            return start(new Launch(line, launch.environment(), launch.input()), directory, request, limits, containment, launcher, output);
        } catch (RuntimeException e) {
            containment.release();
            throw e;
        }
    }

    /**
     * The request's environment, with {@value ProcessSandbox#DEFAULT_PATH} as {@code PATH} when it gives none. The
     * process and bubblewrap sandboxes ask for it before anything else is looked at, so it is also where they refuse a
     * request that names a container image: they would run it on the host, not in the image.
     *
     * @throws SandboxException when the request names an image and this is not an image-running sandbox
     */
    static Map<String, String> environmentOf(SandboxRequest request) {
        return request.image().isEmpty() ? withDefaultPath(request) : refuseImage(request);
    }

    /** The request's environment with a default {@code PATH}, whatever the request's image. */
    static Map<String, String> withDefaultPath(SandboxRequest request) {
        if (request.environment().containsKey("PATH")) {
            return request.environment();
        }
        Map<String, String> environment = new HashMap<>(request.environment());
        environment.put("PATH", ProcessSandbox.DEFAULT_PATH);
        return environment;
    }

    private static Map<String, String> refuseImage(SandboxRequest request) {
        throw new SandboxException("cannot start '" + request.command().get(0) + "': the job asks for container image " + request.image()
                + ", and this worker's sandbox runs no images; send it to a node with worker.sandbox=oci");
    }

    /**
     * The real path of a job's directory, to mount by: a symbolic link on the way would otherwise point into the
     * read-only system (bubblewrap) or the image (a container).
     *
     * @throws SandboxException when it is missing or cannot be resolved
     */
    static Path realDirectory(Path directory, String program) {
        requireWorkDirectory(directory, program);
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            throw new SandboxException("cannot start '" + program + "': work directory " + directory + " cannot be resolved", e);
        }
    }

    static void requireWorkDirectory(Path workDirectory, String program) {
        if (!Files.isDirectory(workDirectory)) {
            throw new SandboxException("cannot start '" + program + "': work directory " + workDirectory + " does not exist");
        }
    }

    /** Starts the process with exactly the launch's environment and standard input, and watches it. */
    private SandboxProcess start(Launch launch, Path workDirectory, SandboxRequest request, SandboxLimits limits, Containment containment,
            ProcessLauncher launcher, OutputSink output) {
        ProcessBuilder builder = new ProcessBuilder(launch.commandLine()).directory(workDirectory.toFile()).redirectInput(launch.input());
        builder.environment().clear();
        builder.environment().putAll(launch.environment());
        Process process;
        try {
            process = containment.start(builder, launcher);
        } catch (IOException e) {
            throw new SandboxException("cannot start '" + request.command().get(0) + "': " + e.getMessage(), e);
        }
        return ProcessRun.watch(process, new OutputCap(output, limits.outputBytes()), limits, containment, threads);
    }
}
