package io.resourcepool.core.hub;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeResources;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.Providers;
import io.resourcepool.api.spi.transport.Transport;
import io.resourcepool.api.spi.transport.TransportProvider;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.probe.FixedResourceProbe;
import io.resourcepool.core.sandbox.ProcessSandbox;
import io.resourcepool.core.worker.Worker;
import io.resourcepool.core.worker.WorkerConfig;
import io.resourcepool.testkit.sandbox.PassableDirectories;
import io.resourcepool.transport.tls.WorkerIdentity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Real workers for a {@link TlsHubFixture}'s hub: each enrolls with a join token over TLS, then connects with its own
 * certificate and runs jobs as real processes in the process sandbox.
 */
final class RealWorkers implements AutoCloseable {
    private static final NodeResources RESOURCES = new NodeResources(4, 0.25, 8L << 30, 6L << 30, 100L << 30, 40L << 30, List.of());

    private final List<Transport> transports = new ArrayList<>();
    private final List<Worker> workers = new ArrayList<>();

    NodeId start(TlsHubFixture pool, Path dir, String name) throws Exception {
        return start(pool, dir, name, UnaryOperator.identity());
    }

    /** A worker built with the changes given (a clock, a renewal fraction), enrolled and registered. */
    NodeId start(TlsHubFixture pool, Path dir, String name, UnaryOperator<Worker.Builder> tuning) throws Exception {
        var token = joinToken(pool);
        Worker worker = build(pool, dir, name, b -> tuning.apply(b.joinToken(token))).start();
        return worker.registered().get(30, TimeUnit.SECONDS);
    }

    /** A worker on the data directory given, built with the changes given (a join token among them, or none), not started. */
    Worker build(TlsHubFixture pool, Path dir, String name, UnaryOperator<Worker.Builder> tuning) {
        PassableDirectories.above(dir);
        Transport transport = Providers.select(TransportProvider.class, "tls")
                .create(new ProviderConfig("tls", "transport", dir, Map.of("role", "worker", "trust-fingerprint", pool.caFingerprint())));
        transports.add(transport);
        Worker worker = tuning.apply(Worker.builder().transport(transport).identity(WorkerIdentity.openOrCreate(dir).asMachineIdentity())
                .sandbox(new ProcessSandbox()).probe(new FixedResourceProbe(RESOURCES))
                .config(WorkerConfig.of(pool.address(), dir).withHostname(name))).build();
        workers.add(worker);
        return worker;
    }

    /** A new join token of the pool's. */
    static io.resourcepool.api.Secret joinToken(TlsHubFixture pool) {
        return withAdmin(pool, admin -> admin.admin().createJoinToken(Duration.ofMinutes(5)).token());
    }

    private static <T> T withAdmin(TlsHubFixture pool, java.util.function.Function<PoolClient, T> work) {
        try (PoolClient admin = pool.admin()) {
            return work.apply(admin);
        }
    }

    /** The workers started, in order. */
    List<Worker> started() {
        return workers;
    }

    @Override
    public void close() {
        workers.forEach(Worker::close);
        transports.forEach(Transport::close);
    }
}
