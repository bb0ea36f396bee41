package io.resourcepool.launcher.worker;

import io.resourcepool.api.NodeId;
import io.resourcepool.core.worker.WorkerConfig;
import io.resourcepool.launcher.ConfigOptions;
import io.resourcepool.launcher.PoolCommand;
import io.resourcepool.launcher.config.ConfigKey;
import io.resourcepool.launcher.config.Settings;
import io.resourcepool.launcher.logging.LogBackend;
import io.resourcepool.launcher.logging.LogSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pool worker}: joins a hub and runs its jobs until interrupted. */
@Command(name = "worker", mixinStandardHelpOptions = true, subcommands = WorkerEnrollCommand.class,
        description = "Join a hub (with a join token the first time) and run its jobs until interrupted.")
public final class WorkerCommand implements java.util.concurrent.Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    @Mixin
    WorkerJoinOptions join;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "the worker's data directory (worker.data-dir)")
    Path dataDir;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "error, warn, info, debug or trace (log.level, default info)")
    String logLevel;

    private static Map<String, String> sandboxSettings(Settings s) {
        Map<String, String> sandbox = new LinkedHashMap<>();
        sandbox.put("job-uids", s.required(ConfigKey.WORKER_JOB_UIDS));
        s.text(ConfigKey.WORKER_SANDBOX_READ_ONLY_PATHS).ifPresent(v -> sandbox.put("read-only-paths", v));
        s.text(ConfigKey.WORKER_ALLOW_NETWORK).ifPresent(v -> sandbox.put("allow-network", v));
        sandbox.put("cgroups", s.required(ConfigKey.WORKER_CGROUPS));
        sandbox.put("max-processes", s.required(ConfigKey.WORKER_MAX_PROCESSES));
        sandbox.put("max-cpu-time", s.required(ConfigKey.WORKER_MAX_CPU_TIME));
        if (s.required(ConfigKey.WORKER_SANDBOX).equals("oci")) {
            s.text(ConfigKey.WORKER_OCI_DEFAULT_IMAGE).ifPresent(v -> sandbox.put("default-image", v));
            sandbox.put("pull", s.required(ConfigKey.WORKER_OCI_PULL));
            sandbox.put("podman", s.required(ConfigKey.WORKER_PODMAN));
        }
        return sandbox;
    }

    /**
     * What a worker with these settings is: its hub, data directory, sandbox, probe and join token.
     *
     * @param s the settings
     * @return the plan {@link WorkerRuntime#start} takes
     */
    static WorkerRuntime.Plan plan(Settings s) {
        Map<String, String> probe = new LinkedHashMap<>();
        s.text(ConfigKey.WORKER_GPU_COUNT).ifPresent(v -> probe.put("gpu-count", v));
        s.text(ConfigKey.WORKER_GPU_MODEL).ifPresent(v -> probe.put("gpu-model", v));
        s.text(ConfigKey.WORKER_NVIDIA_SMI).ifPresent(v -> probe.put("nvidia-smi", v));
        s.text(ConfigKey.WORKER_NVML).ifPresent(v -> probe.put("nvml", v));
        s.text(ConfigKey.WORKER_AMDGPU_SYSFS).ifPresent(v -> probe.put("amdgpu-sysfs", v));
        return new WorkerRuntime.Plan(s.hubs(ConfigKey.WORKER_HUB), s.required(ConfigKey.WORKER_CA_FINGERPRINT),
                s.path(ConfigKey.WORKER_DATA_DIR), s.pairs(ConfigKey.WORKER_LABELS), s.required(ConfigKey.WORKER_SANDBOX),
                s.required(ConfigKey.WORKER_PROBE), s.secret(ConfigKey.WORKER_JOIN_TOKEN_ENV, ConfigKey.WORKER_JOIN_TOKEN_FILE), java.util.Optional.empty(),
                sandboxSettings(s), probe, new WorkerConfig.JobPolicy(s.text(ConfigKey.WORKER_OWNER).orElse(""),
                s.bool(ConfigKey.WORKER_ALLOW_SHARED_IDENTITY), s.bool(ConfigKey.WORKER_KEEP_WORK_DIRS)), s.path(ConfigKey.WORKER_GPU_DEVICES),
                s.required(ConfigKey.TRANSPORT_TYPE));
    }

    /**
     * Waits until the worker has enrolled (when it had no certificate yet) and registered, closing it if it cannot.
     *
     * @param runtime the started worker
     * @return the node it registered as
     * @throws ExecutionException when it failed otherwise than with a {@link RuntimeException} (which is thrown as is)
     * @throws InterruptedException when interrupted while waiting
     */
    static NodeId awaitRegistered(WorkerRuntime runtime) throws ExecutionException, InterruptedException {
        try {
            return runtime.worker().registered().get();
        } catch (ExecutionException e) {
            runtime.close();
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    @Override
    public Integer call() throws InterruptedException, ExecutionException {
        join.putInto(config);
        join.discoverInto(config, spec.commandLine().getOut());
        config.put(ConfigKey.WORKER_DATA_DIR, dataDir);
        config.put(ConfigKey.LOG_LEVEL, logLevel);
        Settings s = config.settings();
        LogBackend.apply(LogSettings.from(s, PoolCommand.verbosity(spec)));
        WorkerRuntime runtime = WorkerRuntime.start(plan(s));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }, "worker-shutdown"));
        NodeId node = awaitRegistered(runtime);
        PrintWriter out = spec.commandLine().getOut();
        out.println("worker registered with hub " + s.required(ConfigKey.WORKER_HUB) + " as node " + node);
        out.println("jobs run in: " + runtime.worker().isolation().description());
        out.flush();
        stopped.await();
        return 0;
    }
}
