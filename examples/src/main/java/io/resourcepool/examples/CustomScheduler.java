package io.resourcepool.examples;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.Providers;
import io.resourcepool.api.spi.probe.ResourceProbe;
import io.resourcepool.api.spi.probe.ResourceProbeProvider;
import io.resourcepool.api.spi.scheduler.NodeView;
import io.resourcepool.api.spi.scheduler.PoolView;
import io.resourcepool.api.spi.scheduler.Scheduler;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.core.auth.FirstAdmin;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.client.RunResult;
import io.resourcepool.core.hub.Hub;
import io.resourcepool.core.hub.HubBuilder;
import io.resourcepool.core.scheduler.EligibleNodes;
import io.resourcepool.examples.JoinAWorker.JoinedWorker;
import io.resourcepool.transport.tls.PeerTrust;
import io.resourcepool.transport.tls.TlsTransport;
import io.resourcepool.transport.tls.TlsTransportConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Example 4: swap a part. The hub takes its {@link Scheduler} from the builder; an instance handed there wins
 * over the providers {@link java.util.ServiceLoader} finds. Here a policy of our own sends each job to the node
 * with the most free memory, and a job lands on the roomy one of two workers, where the default
 * {@code least-loaded} policy would have chosen the other (the roomy node's memory is fuller in proportion).
 */
public final class CustomScheduler {
    private CustomScheduler() {}

    /** Places each job on the eligible node with the most memory free, after what its running jobs claim. */
    public static final class MostFreeMemory implements Scheduler {
        private static final Comparator<NodeView> FREE_MEMORY = Comparator
                .comparingLong((NodeView node) -> node.resources().memoryAvailableBytes() - node.claimed().memoryBytes())
                .thenComparing(NodeView::id); // so that a tie does not depend on the order of the view

        /** Makes the scheduler; it keeps no state. */
        public MostFreeMemory() {}

        @Override
        public Optional<NodeId> place(JobSpec job, PoolView pool) {
            // The contract says never a drained node, nor one the job's selector or claim rules out: EligibleNodes
            // applies exactly those rules, so a policy only has to rank what is left. Empty means "wait".
            return EligibleNodes.of(job, pool).stream().max(FREE_MEMORY).map(NodeView::id);
        }
    }

    /**
     * Where the job went.
     *
     * @param roomy the node with 8 GiB free of 64
     * @param cramped the node with 3 GiB free of 4
     * @param job the job, placed by {@link MostFreeMemory}
     */
    public record Placement(NodeId roomy, NodeId cramped, RunResult job) {}

    /**
     * Runs the example in a temporary directory.
     *
     * @param args not used
     * @throws IOException when the temporary directory cannot be made
     */
    public static void main(String[] args) throws IOException {
        Placement placement = run(ScratchDirectory.create("resourcepool-scheduler-"), builder -> {});
        System.out.println("roomy node " + placement.roomy() + ", cramped node " + placement.cramped()
                + "; the job ran on " + placement.job().node().orElseThrow());
    }

    /**
     * Starts a hub with {@link MostFreeMemory}, joins two workers that report fixed figures, and runs a job
     * without naming a node.
     *
     * @param dir where the hub and workers keep their files
     * @param moreParts further changes to the hub's builder (tests use it for a cheaper password hasher)
     * @return the nodes and the job's result
     */
    public static Placement run(Path dir, Consumer<HubBuilder> moreParts) {
        Secret adminPassword = Secret.of(UUID.randomUUID().toString()); // a throwaway: this pool lives only as long as run()
        try (EmbeddedHub hub = EmbeddedHub.start(dir.resolve("hub"), adminPassword, moreParts.andThen(b -> b.scheduler(new MostFreeMemory())));
             JoinedWorker roomy = JoinAWorker.join(hub, adminPassword, dir.resolve("roomy"), "roomy", memory(dir, "64g", "8g"));
             JoinedWorker cramped = JoinAWorker.join(hub, adminPassword, dir.resolve("cramped"), "cramped", memory(dir, "4g", "3g"));
             TlsTransport tls = new TlsTransport(TlsTransportConfig.client(PeerTrust.pinned(CertificateFingerprint.parse(hub.caFingerprint()))));
             PoolClient pool = PoolClient.connect(tls, hub.address()).login(FirstAdmin.USERNAME, adminPassword)) {
            // No target: where it runs is the scheduler's choice. (Run as admin for brevity; see RunACommand for a user.)
            return new Placement(roomy.node(), cramped.node(), pool.run(JobSpec.of("echo", "placed by MostFreeMemory")));
        }
    }

    /** A probe that states its figures instead of measuring, so that the choice does not depend on this machine. */
    private static ResourceProbe memory(Path dir, String total, String available) {
        return Providers.select(ResourceProbeProvider.class, "fixed").create(new ProviderConfig("fixed", "probe", dir,
                Map.of("cpus", "2", "memory-bytes", total, "memory-available-bytes", available)));
    }
}
