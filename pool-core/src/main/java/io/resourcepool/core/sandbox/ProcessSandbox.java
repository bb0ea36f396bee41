package io.resourcepool.core.sandbox;

import io.resourcepool.api.SandboxException;
import io.resourcepool.api.spi.sandbox.Isolation;
import io.resourcepool.api.spi.sandbox.IsolationFeature;
import io.resourcepool.api.spi.sandbox.OutputSink;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.sandbox.SandboxProcess;
import io.resourcepool.api.spi.sandbox.SandboxRequest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
 *   <li>the request's memory, CPU-time and process limits, when given, are set by util-linux {@code prlimit}
 *       right before the program (after the user switch): address space, CPU seconds (rounded up), and
 *       processes of the job's user, which the kernel counts per user, not per job. Without {@code prlimit}
 *       a request asking for one is refused. A job killed for its CPU time ends {@code LIMIT_EXCEEDED}.</li>
 * </ul>
 * It gives no isolation beyond the user switch and those limits, and {@link #isolation()} says so. The limits of the tree kill
 * are described in the package documentation.
 *
 * <p>Thread-safe. Output is read on daemon platform threads from a cached pool that this sandbox owns; idle
 * ones end by themselves, so the sandbox needs no closing.
 */
public final class ProcessSandbox implements Sandbox {
    /** The {@code PATH} a command gets when its request gives none. */
    public static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
    /** The user a root worker runs commands as unless configured otherwise. */
    public static final String DEFAULT_RUN_AS = "nobody";

    private static final File NO_INPUT = new File("/dev/null");

    private final String runAs;
    private final List<Path> prlimit;
    private final ExecutorService threads = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("sandbox-output-", 1).factory());
    private volatile JobUser user;
    private volatile KernelLimits kernelLimits;

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
        this(runAs, KernelLimits.PRLIMIT);
    }

    ProcessSandbox(String runAs, List<Path> prlimit) {
        Objects.requireNonNull(runAs, "runAs must be given");
        if (runAs.isBlank()) {
            throw new IllegalArgumentException("runAs must name a user");
        }
        this.runAs = runAs.strip();
        this.prlimit = List.copyOf(prlimit);
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
        Isolation who = jobUser().isolation();
        if (who.description().contains("refuses to run jobs")) {
            return who;
        }
        Set<IsolationFeature> features = EnumSet.noneOf(IsolationFeature.class);
        features.addAll(who.features());
        features.addAll(kernelLimits().features());
        return new Isolation(features, who.description() + "; " + kernelLimits().describe());
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
        Path workDirectory = request.workDirectory();
        String program = request.command().get(0);
        if (!Files.isDirectory(workDirectory)) {
            throw new SandboxException("cannot start '" + program + "': work directory " + workDirectory + " does not exist");
        }
        Map<String, String> environment = environmentOf(request);
        Path located = ProgramPath.locate(program, environment.get("PATH"), workDirectory);
        List<String> line = kernelLimits().commandLine(request.limits(), located, request.command().subList(1, request.command().size()));
        JobUser.Launch launch = jobUser().launch(Path.of(line.get(0)), line.subList(1, line.size()), environment);
        ProcessBuilder builder = new ProcessBuilder(launch.commandLine())
                .directory(workDirectory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(NO_INPUT));
        builder.environment().clear();
        builder.environment().putAll(launch.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SandboxException("cannot start '" + program + "': " + e.getMessage(), e);
        }
        return ProcessRun.watch(process, new OutputCap(output, request.limits().outputBytes()), request.limits(), threads);
    }

    private static Map<String, String> environmentOf(SandboxRequest request) {
        if (request.environment().containsKey("PATH")) {
            return request.environment();
        }
        Map<String, String> environment = new HashMap<>(request.environment());
        environment.put("PATH", DEFAULT_PATH);
        return environment;
    }

    private JobUser jobUser() {
        JobUser resolved = user;
        if (resolved == null) {
            synchronized (this) {
                if (user == null) {
                    user = JobUser.resolve(runAs);
                }
                resolved = user;
            }
        }
        return resolved;
    }

    private KernelLimits kernelLimits() {
        KernelLimits resolved = kernelLimits;
        if (resolved == null) {
            // a benign race: two threads may both look, and find the same
            resolved = KernelLimits.find(prlimit);
            kernelLimits = resolved;
        }
        return resolved;
    }

    @Override
    public String toString() {
        return "ProcessSandbox[runAs=" + runAs + "]";
    }
}
