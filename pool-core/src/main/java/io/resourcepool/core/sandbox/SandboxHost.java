package io.resourcepool.core.sandbox;

import io.resourcepool.api.SandboxException;
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
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What both sandboxes share on the worker's side: the user commands run as and the kernel limits (each looked
 * up on first use, so making a sandbox does no I/O), the default environment, and starting a process and
 * watching it with output threads this host owns (daemon platform threads from a cached pool; idle ones end by
 * themselves, so nothing needs closing).
 */
final class SandboxHost {
    private static final File NO_INPUT = new File("/dev/null");

    private final String runAs;
    private final List<Path> prlimit;
    private final ExecutorService threads;
    private volatile JobUser user;
    private volatile KernelLimits kernelLimits;

    SandboxHost(String runAs, List<Path> prlimit, String threadPrefix) {
        Objects.requireNonNull(runAs, "runAs must be given");
        if (runAs.isBlank()) {
            throw new IllegalArgumentException("runAs must name a user");
        }
        this.runAs = runAs.strip();
        this.prlimit = List.copyOf(prlimit);
        this.threads = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name(threadPrefix, 1).factory());
    }

    String runAs() {
        return runAs;
    }

    JobUser jobUser() {
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

    KernelLimits kernelLimits() {
        KernelLimits resolved = kernelLimits;
        if (resolved == null) {
            // a benign race: two threads may both look, and find the same
            resolved = KernelLimits.find(prlimit);
            kernelLimits = resolved;
        }
        return resolved;
    }

    /** The request's environment, with {@value ProcessSandbox#DEFAULT_PATH} as {@code PATH} when it gives none. */
    static Map<String, String> environmentOf(SandboxRequest request) {
        if (request.environment().containsKey("PATH")) {
            return request.environment();
        }
        Map<String, String> environment = new HashMap<>(request.environment());
        environment.put("PATH", ProcessSandbox.DEFAULT_PATH);
        return environment;
    }

    static void requireWorkDirectory(Path workDirectory, String program) {
        if (!Files.isDirectory(workDirectory)) {
            throw new SandboxException("cannot start '" + program + "': work directory " + workDirectory + " does not exist");
        }
    }

    /** Starts the process with exactly the given environment and stdin from {@code /dev/null}, and watches it. */
    SandboxProcess start(List<String> commandLine, Map<String, String> environment, Path workDirectory, SandboxRequest request,
            OutputSink output) {
        ProcessBuilder builder = new ProcessBuilder(commandLine).directory(workDirectory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(NO_INPUT));
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SandboxException("cannot start '" + request.command().get(0) + "': " + e.getMessage(), e);
        }
        return ProcessRun.watch(process, new OutputCap(output, request.limits().outputBytes()), request.limits(), threads);
    }
}
