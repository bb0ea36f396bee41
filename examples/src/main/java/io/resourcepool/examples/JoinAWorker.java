package io.resourcepool.examples;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.Providers;
import io.resourcepool.api.spi.probe.ResourceProbe;
import io.resourcepool.api.spi.probe.ResourceProbeProvider;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.sandbox.SandboxProvider;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.api.spi.transport.MachineIdentity;
import io.resourcepool.api.spi.transport.Transport;
import io.resourcepool.api.spi.transport.TransportProvider;
import io.resourcepool.core.auth.FirstAdmin;
import io.resourcepool.core.client.JoinTokenGrant;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.worker.Worker;
import io.resourcepool.core.worker.WorkerConfig;
import io.resourcepool.transport.tls.PeerTrust;
import io.resourcepool.transport.tls.TlsTransport;
import io.resourcepool.transport.tls.TlsTransportConfig;
import io.resourcepool.transport.tls.WorkerIdentity;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Example 2: a machine joins the pool. An admin makes a single-use join token; the worker enrolls with it
 * (the hub signs a certificate for the worker's own key), then connects with that certificate over mutual TLS
 * and registers. The two halves usually run on different machines: only the token and the CA fingerprint
 * travel between them.
 */
public final class JoinAWorker {
    private JoinAWorker() {}

    /**
     * A worker that joined, with the parts it was given: they are the caller's to close, after the worker.
     *
     * @param node the name the hub gave it
     * @param worker the running worker
     * @param transport its transport
     */
    public record JoinedWorker(NodeId node, Worker worker, Transport transport) implements AutoCloseable {
        @Override
        public void close() {
            worker.close();
            transport.close();
        }
    }

    /**
     * Starts a hub in a temporary directory and joins one worker to it.
     *
     * @param args not used
     * @throws IOException when the temporary directory cannot be made
     */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("resourcepool-join-");
        Secret adminPassword = Secret.of(UUID.randomUUID().toString()); // a throwaway, for this run only
        try (EmbeddedHub hub = EmbeddedHub.start(dir.resolve("hub"), adminPassword);
             JoinedWorker worker = join(hub, adminPassword, dir.resolve("worker"), "example-worker")) {
            System.out.println("worker registered as node " + worker.node() + " with hub " + hub.address());
        }
    }

    /**
     * Joins a worker measured by OSHI (this machine's real processors, memory and disks).
     *
     * @param hub the hub
     * @param adminPassword the admin's password, to make the join token
     * @param workerDirectory where the worker keeps its key, certificate and job directories
     * @param hostname the name it reports; the hub derives the node's name from it
     * @return the registered worker
     */
    public static JoinedWorker join(EmbeddedHub hub, Secret adminPassword, Path workerDirectory, String hostname) {
        ResourceProbe oshi = Providers.select(ResourceProbeProvider.class, "oshi").create(ProviderConfig.of("oshi", "probe", workerDirectory));
        return join(hub, adminPassword, workerDirectory, hostname, oshi);
    }

    /**
     * Joins a worker that reports what {@code probe} says.
     *
     * @param hub the hub
     * @param adminPassword the admin's password, to make the join token
     * @param workerDirectory where the worker keeps its key, certificate and job directories
     * @param hostname the name it reports; the hub derives the node's name from it
     * @param probe what the worker reports about its resources
     * @return the registered worker
     */
    public static JoinedWorker join(EmbeddedHub hub, Secret adminPassword, Path workerDirectory, String hostname, ResourceProbe probe) {
        return startWorker(hub.address(), createJoinToken(hub, adminPassword), workerDirectory, hostname, probe);
    }

    /**
     * The admin's half: log in and make a join token. The grant carries the CA fingerprint too, which is safe
     * to trust here because this connection already pinned the hub by it.
     *
     * @param hub the hub
     * @param adminPassword the admin's password
     * @return the token (show it once, never log it) and the fingerprint
     */
    public static JoinTokenGrant createJoinToken(EmbeddedHub hub, Secret adminPassword) {
        try (TlsTransport tls = new TlsTransport(TlsTransportConfig.client(PeerTrust.pinned(CertificateFingerprint.parse(hub.caFingerprint()))));
             PoolClient admin = PoolClient.connect(tls, hub.address()).login(FirstAdmin.USERNAME, adminPassword)) {
            return admin.admin().createJoinToken(Duration.ofMinutes(10));
        }
    }

    /**
     * The worker's half: build it from the default parts, found by {@link java.util.ServiceLoader} by their type
     * names as a configuration file would name them, start it and wait until it has registered.
     *
     * @param hubAddress the hub
     * @param grant the join token and the CA fingerprint
     * @param dir the worker's directory
     * @param hostname the name it reports
     * @param probe what it reports about its resources
     * @return the registered worker
     */
    public static JoinedWorker startWorker(InetSocketAddress hubAddress, JoinTokenGrant grant, Path dir, String hostname, ResourceProbe probe) {
        Sandbox sandbox = Providers.select(SandboxProvider.class, "process").create(ProviderConfig.of("process", "sandbox", dir));
        MachineIdentity identity = WorkerIdentity.openOrCreate(dir).asMachineIdentity(); // its key never leaves dir/tls
        // This transport reads the worker's certificate from dir/tls when it connects, so it has none while it
        // enrolls and presents the new one from the next connection on. Made last: it is the part to close.
        Transport transport = Providers.select(TransportProvider.class, "tls").create(new ProviderConfig("tls", "transport", dir,
                Map.of("role", "worker", "trust-fingerprint", grant.caFingerprint())));
        Worker worker = Worker.builder()
                .transport(transport)
                .identity(identity)
                .sandbox(sandbox)
                .probe(probe)
                .config(WorkerConfig.of(hubAddress, dir).withHostname(hostname))
                .joinToken(grant.token()) // needed on the first start only
                .build();
        try {
            // The worker retries a lost connection by itself; the timeout only bounds how long we wait to hear of it.
            NodeId node = worker.start().registered().orTimeout(1, TimeUnit.MINUTES).join();
            return new JoinedWorker(node, worker, transport);
        } catch (RuntimeException e) {
            worker.close();
            transport.close();
            // A refusal (a spent or expired token) arrives wrapped by the future; pass on the hub's own words.
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
