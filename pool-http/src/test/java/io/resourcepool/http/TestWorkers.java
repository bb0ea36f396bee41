package io.resourcepool.http;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeResources;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.Providers;
import io.resourcepool.api.spi.probe.ResourceProbe;
import io.resourcepool.api.spi.transport.Transport;
import io.resourcepool.api.spi.transport.TransportProvider;
import io.resourcepool.core.probe.FixedResourceProbe;
import io.resourcepool.core.sandbox.ProcessSandbox;
import io.resourcepool.core.worker.Worker;
import io.resourcepool.core.worker.WorkerConfig;
import io.resourcepool.testkit.sandbox.PassableDirectories;
import io.resourcepool.transport.tls.WorkerIdentity;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real workers for tests: each enrolls with a join token over TLS, then connects with its own certificate, runs
 * jobs as real processes in the process sandbox, and reports fixed resources so that sums are known.
 */
final class TestWorkers implements AutoCloseable {
    /** What each worker reports: 4 CPUs a quarter busy, 8 GiB of memory with 6 free, 100 GiB of storage with 40 free. */
    static final NodeResources RESOURCES = new NodeResources(4, 0.25, 8L << 30, 6L << 30, 100L << 30, 40L << 30, List.of());

    private final List<Transport> transports = new ArrayList<>();
    private final List<Worker> workers = new ArrayList<>();

    NodeId start(InetSocketAddress hub, String caFingerprint, Path dir, String name, Map<String, String> labels, Secret joinToken) throws Exception {
        return start(hub, caFingerprint, dir, name, labels, joinToken, new FixedResourceProbe(RESOURCES));
    }

    /** Starts a worker that reports what the given probe measures. */
    NodeId start(InetSocketAddress hub, String caFingerprint, Path dir, String name, Map<String, String> labels, Secret joinToken,
            ResourceProbe probe) throws Exception {
        PassableDirectories.above(dir);
        Transport transport = Providers.select(TransportProvider.class, "tls")
                .create(new ProviderConfig("tls", "transport", dir, Map.of("role", "worker", "trust-fingerprint", caFingerprint)));
        transports.add(transport);
        Worker worker = Worker.builder().transport(transport).identity(WorkerIdentity.openOrCreate(dir).asMachineIdentity())
                .sandbox(new ProcessSandbox()).probe(probe)
                .config(WorkerConfig.of(hub, dir).withLabels(labels).withHostname(name)
                        // every user of a test pool is the one running the tests: their jobs may share a non-root worker's identity
                        .withJobs(new WorkerConfig.JobPolicy("", true, false)))
                .joinToken(joinToken).build().start();
        workers.add(worker);
        return worker.registered().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        workers.forEach(Worker::close);
        transports.forEach(Transport::close);
    }
}
