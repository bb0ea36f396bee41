package io.resourcepool.launcher.worker;

import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.Providers;
import io.resourcepool.api.spi.probe.ResourceProbe;
import io.resourcepool.api.spi.probe.ResourceProbeProvider;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.sandbox.SandboxProvider;
import io.resourcepool.api.spi.transport.Transport;
import io.resourcepool.api.spi.transport.TransportProvider;
import io.resourcepool.core.worker.Worker;
import io.resourcepool.core.worker.WorkerConfig;
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
     * @param hub the hub's address
     * @param caFingerprint the hub's CA fingerprint
     * @param dataDirectory the worker's own directory
     * @param labels its labels
     * @param sandboxType the sandbox provider's type
     * @param probeType the probe provider's type
     * @param joinToken the join token, needed on the first start only
     * @param hostname the host name to report, when not this machine's
     * @param sandboxSettings the sandbox provider's settings, for example {@code run-as}
     * @param probeSettings the probe provider's settings, for example {@code gpu-count}
     */
    public record Plan(InetSocketAddress hub, String caFingerprint, Path dataDirectory, Map<String, String> labels,
            String sandboxType, String probeType, Optional<Secret> joinToken, Optional<String> hostname,
            Map<String, String> sandboxSettings, Map<String, String> probeSettings) {

        /**
         * A plan with the sandbox's and probe's default settings.
         *
         * @param hub the hub's address
         * @param caFingerprint the hub's CA fingerprint
         * @param dataDirectory the worker's own directory
         * @param labels its labels
         * @param joinToken the join token, needed on the first start only
         * @param hostname the host name to report, when not this machine's
         * @return the plan, with the process sandbox and the OSHI probe
         */
        public static Plan withDefaults(InetSocketAddress hub, String caFingerprint, Path dataDirectory, Map<String, String> labels,
                Optional<Secret> joinToken, Optional<String> hostname) {
            return new Plan(hub, caFingerprint, dataDirectory, labels, "process", "oshi", joinToken, hostname, Map.of(), Map.of());
        }

        /**
         * The same plan with another sandbox.
         *
         * @param type the sandbox provider's type
         * @param settings its settings
         * @return the plan
         */
        public Plan withSandbox(String type, Map<String, String> settings) {
            return new Plan(hub, caFingerprint, dataDirectory, labels, type, probeType, joinToken, hostname, settings, probeSettings);
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
        Transport transport = Providers.select(TransportProvider.class, "tls").create(
                new ProviderConfig("tls", "transport", dir, Map.of("role", "worker", "trust-fingerprint", plan.caFingerprint())));
        try {
            Sandbox sandbox = sandboxInstance.orElseGet(() -> Providers.select(SandboxProvider.class, plan.sandboxType())
                    .create(new ProviderConfig(plan.sandboxType(), "sandbox", dir, plan.sandboxSettings())));
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

    private static WorkerConfig workerConfig(Plan plan) {
        WorkerConfig config = WorkerConfig.of(plan.hub(), plan.dataDirectory()).withLabels(plan.labels());
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
