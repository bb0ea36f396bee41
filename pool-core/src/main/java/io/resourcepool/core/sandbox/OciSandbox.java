package io.resourcepool.core.sandbox;

import io.resourcepool.api.SandboxException;
import io.resourcepool.api.spi.sandbox.Isolation;
import io.resourcepool.api.spi.sandbox.IsolationFeature;
import io.resourcepool.api.spi.sandbox.OutputSink;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import io.resourcepool.api.spi.sandbox.SandboxProcess;
import io.resourcepool.api.spi.sandbox.SandboxRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs each job in a container of the image it names, through podman, type {@code oci}:
 * <ul>
 *   <li>the image's file system, read-only; the job's work directory mounted read-write at its own path (where it
 *       starts, as in the other sandboxes), and a private tmpfs {@code /tmp}: nothing else of the host is seen;</li>
 *   <li>own PID, IPC, UTS and mount namespaces; every capability dropped and no new privileges;</li>
 *   <li>no network (only a loopback) unless the job asks for it and {@code allow-network} lets it have it: then the
 *       host's network, as with bubblewrap;</li>
 *   <li>the job's memory ({@code --memory}, swap included), CPU share ({@code --cpus}) and process count
 *       ({@code --pids-limit}) enforced by the container's cgroup, and its CPU time by an rlimit set on podman with
 *       {@code prlimit}, which the container inherits ({@link OciCommand});</li>
 *   <li>run as a uid and gid of their own ({@link JobUser}, from {@code job-uids}), never root, the worker's or another
 *       running job's; every process of that uid is killed when the job ends;</li>
 *   <li>exactly the job's variables, given to podman on its standard input as an env-file: never on a command line,
 *       never in podman's own environment ({@link OciCommand});</li>
 *   <li>the runtime is runc ({@code --runtime runc}): crun refuses a host whose cgroups are in hybrid mode;</li>
 *   <li>output, cap and timeout as in the other sandboxes ({@link ProcessRun}, {@link OutputCap}); timeout and cancel
 *       remove the container by its name, 128 random bits the sandbox chose, which kills all its processes
 *       ({@link OciRun}).</li>
 * </ul>
 * A job that names no image runs in {@code default-image} when set, and is refused otherwise.
 *
 * <p>Creating one does no I/O. Without podman every {@code start} is refused saying how to install it. Thread-safe;
 * needs no closing.
 */
public final class OciSandbox implements Sandbox {
    static final String NOT_INSTALLED = "podman is not installed (Debian: apt-get install podman runc)";
    private static final List<Path> RUNC = List.of(Path.of("/usr/bin/runc"), Path.of("/usr/sbin/runc"), Path.of("/usr/local/bin/runc"));
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OciSettings settings;
    private final Podman podman;
    private final ExecutorService threads = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("oci-output-", 1).factory());
    private volatile JobUser user;

    /**
     * A sandbox; does no I/O.
     *
     * @param settings its settings
     */
    public OciSandbox(OciSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings must be given");
        this.podman = new Podman(settings.podman(), settings.dataDirectory());
    }

    /**
     * The containment a container gives, or nothing when jobs would be refused: podman or runc missing, or no
     * unprivileged user.
     *
     * @return the isolation really given
     */
    @Override
    public Isolation isolation() {
        if (!podman.installed() || RUNC.stream().noneMatch(Files::isExecutable)) {
            return new Isolation(Set.of(), "oci: refuses to run jobs: " + NOT_INSTALLED);
        }
        JobUser who = user();
        Optional<String> refusal = refusal(who);
        if (refusal.isPresent()) {
            return new Isolation(Set.of(), "oci: refuses to run jobs: " + refusal.get());
        }
        Set<IsolationFeature> features = EnumSet.of(IsolationFeature.FILESYSTEM, IsolationFeature.NETWORK, IsolationFeature.PROCESS_NAMESPACE,
                IsolationFeature.MEMORY_LIMIT, IsolationFeature.PROCESS_LIMIT, IsolationFeature.CPU_SHARE, IsolationFeature.WHOLE_TREE_KILL);
        features.addAll(who.features());
        if (KernelLimits.PRLIMIT.stream().anyMatch(Files::isExecutable)) {
            features.add(IsolationFeature.CPU_TIME_LIMIT);
        }
        return new Isolation(features, "oci (podman, runc): the image's read-only file system, writable work directory, private /tmp,"
                + " own PID/IPC/UTS namespaces, no capabilities, " + (settings.allowNetwork() ? "no network unless the job asks for it"
                : "no network, even for jobs that ask") + "; the container's cgroup limits memory, CPU share and processes, and an"
                + " rlimit (prlimit) CPU time; " + SandboxHost.NO_DISK_LIMIT + "; " + who.describe() + "; " + settings.defaultImage().map(i -> "default image " + i)
                .orElse("jobs must name an image"));
    }

    /** Why no job can run: podman runs containers for a root worker only, each under the job's own uid. */
    private static Optional<String> refusal(JobUser who) {
        if (who.refusal().isPresent()) {
            return who.refusal();
        }
        return who.separate() ? Optional.empty() : Optional.of("the worker is not root, and rootless podman is not supported:"
                + " each container must run under a uid of its own; run the worker as root, or use worker.sandbox=bubblewrap");
    }

    /**
     * Starts a job's container.
     *
     * @param request what to run, and in which image
     * @param output where output goes, as it comes
     * @return the running container
     * @throws SandboxException when podman is missing, the job names no image and there is no default, it asks for
     *     a network it may not have, a variable cannot be passed, or podman cannot be started
     */
    @Override
    public SandboxProcess start(SandboxRequest request, OutputSink output) {
        Objects.requireNonNull(request, "request must be given");
        Objects.requireNonNull(output, "output must be given");
        String program = request.command().get(0);
        if (!podman.installed()) {
            throw new SandboxException("cannot start '" + program + "': " + NOT_INSTALLED);
        }
        String image = imageOf(request, program);
        if (request.network() && !settings.allowNetwork()) {
            throw new SandboxException("cannot start '" + program + "': it asks for the network, which this worker's sandbox gives no job"
                    + " (worker.allow-network=false)");
        }
        byte[] envFile = Podman.envFile(SandboxHost.withDefaultPath(request), program);
        JobUser who = user();
        refusal(who).ifPresent(reason -> {
            throw new SandboxException("cannot start '" + program + "': " + reason);
        });
        SandboxLimits limits = settings.limits().apply(request.limits());
        return OciStart.begin(() -> container(request, image, envFile, who, limits, output));
    }

    /** Starts one container for the job, under a uid of its own and a new name. */
    private OciStart.Attempt container(SandboxRequest request, String image, byte[] envFile, JobUser who, SandboxLimits limits, OutputSink output) {
        String program = request.command().get(0);
        JobUser.Identity identity = who.take(program);
        try {
            WorkDirectories.handOver(request.workDirectory(), identity);
            String name = "resourcepool-" + HexFormat.of().formatHex(randomBytes());
            OciCommand command = new OciCommand(name, image, identity.uid() + ":" + identity.uid(), SandboxHost.realDirectory(request.workDirectory(), program),
                    SandboxHost.realDirectory(request.startDirectory(), program), request.network(), settings.pull(),
                    request.devices());
            OciRun run = new OciRun(podman, name, image, program, limits, output);
            SandboxProcess process = launch(command.line(podman.program(), limits, request.command()), envFile, run,
                    new UidContainment(run, who, identity), limits, request);
            return new OciStart.Attempt(process, run);
        } catch (RuntimeException e) {
            who.giveBack(identity);
            throw e;
        }
    }

    private SandboxProcess launch(List<String> line, byte[] envFile, OciRun run, Containment containment, SandboxLimits limits,
            SandboxRequest request) {
        ProcessBuilder builder = new ProcessBuilder(line).directory(request.workDirectory().toFile());
        builder.environment().clear();
        builder.environment().putAll(podman.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SandboxException("cannot start '" + request.command().get(0) + "': podman: " + e.getMessage(), e);
        }
        // podman reads the env-file before it creates the container; a podman that failed early reads nothing
        threads.execute(() -> {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(envFile);
            } catch (IOException e) {
                // podman ended before reading it: its exit code and standard error say why
            }
        });
        return ProcessRun.watch(process, new OutputCap(run, limits.outputBytes()), limits, containment, threads);
    }

    private String imageOf(SandboxRequest request, String program) {
        if (!request.image().isEmpty()) {
            return request.image();
        }
        return settings.defaultImage().orElseThrow(() -> new SandboxException("cannot start '" + program + "': the job names no container"
                + " image and this worker has no default (worker.oci.default-image); give one with --image"));
    }

    private JobUser user() {
        JobUser resolved = user;
        if (resolved == null) {
            resolved = JobUser.resolve(settings.jobUids(), false);
            user = resolved;
        }
        return resolved;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return "OciSandbox[jobUids=" + settings.jobUids() + ", allowNetwork=" + settings.allowNetwork() + ", defaultImage="
                + settings.defaultImage().orElse("") + "]";
    }
}
