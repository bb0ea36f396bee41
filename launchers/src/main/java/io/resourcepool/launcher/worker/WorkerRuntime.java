package io.resourcepool.launcher.worker;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.Providers;
import io.resourcepool.api.spi.probe.ResourceProbe;
import io.resourcepool.api.spi.probe.ResourceProbeProvider;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.sandbox.SandboxProvider;
import io.resourcepool.api.spi.transport.Transport;
import io.resourcepool.api.spi.transport.TransportProvider;
import io.resourcepool.core.net.HubAddresses;
import io.resourcepool.core.sandbox.BubblewrapSandbox;
import io.resourcepool.core.worker.Worker;
import io.resourcepool.core.worker.WorkerConfig;
import io.resourcepool.launcher.config.ConfigKey;
import io.resourcepool.transport.tls.WorkerIdentity;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A worker assembled with the default parts: its identity and TLS transport pinned to the hub's CA, the
 * configured sandbox and probe. Owns all of them.
 */
public final class WorkerRuntime implements AutoCloseable {
    private final Transport transport;
    private final Worker worker;

    private WorkerRuntime(Transport transport, Worker worker) {
        this.transport = transport;
        this.worker = worker;
    }

    /**
     * What a worker needs to start.
     *
     * @param hub the hubs, tried in turn
     * @param caFingerprint the hub's CA fingerprint (all hubs of one pool share the CA)
     * @param dataDirectory the worker's own directory
     * @param labels its labels
     * @param sandboxType the sandbox provider's type
     * @param probeType the probe provider's type
     * @param joinToken the join token, needed on the first start only
     * @param hostname the host name to report, when not this machine's
     * @param sandboxSettings the sandbox provider's settings, for example {@code job-uids}
     * @param probeSettings the probe provider's settings, for example {@code gpu-count}
     * @param jobs whose jobs it runs, and whether it keeps their work directories
     * @param gpuDeviceRoot where the GPUs' device nodes are, {@code /dev} but for tests
     * @param transportType the transport provider's type ({@code transport.type}), {@code tls} by default
     */
    public record Plan(HubAddresses hub, String caFingerprint, Path dataDirectory, Map<String, String> labels,
            String sandboxType, String probeType, Optional<Secret> joinToken, Optional<String> hostname,
            Map<String, String> sandboxSettings, Map<String, String> probeSettings, WorkerConfig.JobPolicy jobs, Path gpuDeviceRoot,
            String transportType) {

        /**
         * A plan with the sandbox's and probe's default settings.
         *
         * @param hub the hub's address
         * @param caFingerprint the hub's CA fingerprint
         * @param dataDirectory the worker's own directory
         * @param labels its labels
         * @param joinToken the join token, needed on the first start only
         * @param hostname the host name to report, when not this machine's
         * @return the plan, with the process sandbox, the OSHI probe and the default job policy (under a worker that is
         *     not root, whose process sandbox shares its identity with jobs, that runs no job until given an owner)
         */
        public static Plan withDefaults(InetSocketAddress hub, String caFingerprint, Path dataDirectory, Map<String, String> labels,
                Optional<Secret> joinToken, Optional<String> hostname) {
            return new Plan(HubAddresses.of(hub), caFingerprint, dataDirectory, labels, "process", "oshi", joinToken, hostname, Map.of(), Map.of(),
                    WorkerConfig.JobPolicy.DEFAULT, WorkerConfig.DEVICES, ConfigKey.TRANSPORT_TYPE.defaultValue());
        }

        /**
         * This plan joining any of several hubs.
         *
         * @param value the hubs, tried in turn
         * @return the new plan
         */
        public Plan withHubs(HubAddresses value) {
            return new Plan(value, caFingerprint, dataDirectory, labels, sandboxType, probeType, joinToken, hostname, sandboxSettings,
                    probeSettings, jobs, gpuDeviceRoot, transportType);
        }

        /**
         * This plan with another sandbox.
         *
         * @param type the sandbox provider's type
         * @param settings its settings
         * @return the new plan
         */
        public Plan withSandbox(String type, Map<String, String> settings) {
            return new Plan(hub, caFingerprint, dataDirectory, labels, type, probeType, joinToken, hostname, settings, probeSettings, jobs, gpuDeviceRoot, transportType);
        }

        /**
         * This plan with another job policy.
         *
         * @param value whose jobs run, and what is kept of them
         * @return the new plan
         */
        public Plan withJobs(WorkerConfig.JobPolicy value) {
            return new Plan(hub, caFingerprint, dataDirectory, labels, sandboxType, probeType, joinToken, hostname, sandboxSettings,
                    probeSettings, value, gpuDeviceRoot, transportType);
        }
    }

    /**
     * Assembles and starts a worker.
     *
     * @param plan what it needs
     * @return the running worker
     */
    public static WorkerRuntime start(Plan plan) {
        return start(plan, Optional.empty());
    }

    /**
     * Assembles and starts a worker with a sandbox instance instead of the plan's provider (an explicit
     * instance wins, as with every SPI).
     *
     * @param plan what it needs
     * @param sandboxInstance the sandbox to use, if not the plan's
     * @return the running worker
     */
    public static WorkerRuntime start(Plan plan, Optional<Sandbox> sandboxInstance) {
        Path dir = plan.dataDirectory();
        Transport transport = ConfigKey.TRANSPORT_TYPE.provider(TransportProvider.class, plan.transportType()).create(
                new ProviderConfig(plan.transportType(), "transport", dir, Map.of("role", "worker", "trust-fingerprint", plan.caFingerprint())));
        try {
            Sandbox sandbox = sandboxInstance.orElseGet(() -> Providers.select(SandboxProvider.class, plan.sandboxType())
                    .create(new ProviderConfig(plan.sandboxType(), "sandbox", dir, plan.sandboxSettings())));
            requireRunnable(sandbox);
            ResourceProbe probe = Providers.select(ResourceProbeProvider.class, plan.probeType()).create(new ProviderConfig(plan.probeType(), "probe", dir, plan.probeSettings()));
            Worker.Builder builder = Worker.builder().transport(transport).identity(WorkerIdentity.openOrCreate(dir).asMachineIdentity())
                    .sandbox(sandbox).probe(probe).config(workerConfig(plan));
            plan.joinToken().ifPresent(builder::joinToken);
            return new WorkerRuntime(transport, builder.build().start());
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    /** A worker whose sandbox cannot run a single job does not start: better now than a failed job later. */
    private static void requireRunnable(Sandbox sandbox) {
        if (sandbox instanceof BubblewrapSandbox bubblewrap) {
            bubblewrap.unavailable().ifPresent(reason -> {
                throw new ConfigurationException("worker.sandbox=bubblewrap cannot run on this machine: " + reason);
            });
        }
    }

    private static WorkerConfig workerConfig(Plan plan) {
        WorkerConfig config = WorkerConfig.of(plan.hub(), plan.dataDirectory()).withLabels(plan.labels()).withJobs(plan.jobs())
                .withGpuDeviceRoot(plan.gpuDeviceRoot());
        return plan.hostname().map(config::withHostname).orElse(config);
    }

    /**
     * The worker.
     *
     * @return the worker
     */
    public Worker worker() {
        return worker;
    }

    @Override
    public void close() {
        worker.close();
        transport.close();
    }
}
