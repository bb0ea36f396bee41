package io.resourcepool.testkit.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.ResourceRequest;
import io.resourcepool.api.spi.scheduler.NodeView;
import io.resourcepool.api.spi.scheduler.PoolView;
import io.resourcepool.api.spi.scheduler.Scheduler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link Scheduler} must show. An implementation's test extends this class and says how to
 * make the scheduler; each test gets a fresh one.
 *
 * <p>"Room" here is what every policy agrees on: a node cannot take a job claiming more processors than it has
 * left (its logical processors minus those claimed), nor more memory than it reported available.
 */
@Timeout(30)
public abstract class SchedulerContract {
    /** A fixed moment for the views. */
    protected static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    /** The scheduler of the running test. */
    protected Scheduler scheduler;

    /**
     * Makes the scheduler under test. Called before each test.
     *
     * @return a scheduler
     */
    protected abstract Scheduler newScheduler();

    @BeforeEach
    final void makeScheduler() {
        scheduler = newScheduler();
    }

    @Test
    void placesAJobOnTheOnlyNode() {
        assertThat(scheduler.place(anyJob(), pool(TestNode.named("solo")))).contains(NodeId.of("solo"));
    }

    @Test
    void waitsWhenThePoolIsEmpty() {
        assertThat(scheduler.place(anyJob(), pool())).isEmpty();
    }

    @Test
    void neverPicksADrainedNode() {
        PoolView view = pool(TestNode.named("a").drained(), TestNode.named("b").load(0.9).running(3, ResourceRequest.NONE),
                TestNode.named("c").drained());

        for (int i = 0; i < 10; i++) {
            assertThat(scheduler.place(anyJob(), view)).contains(NodeId.of("b"));
        }
        assertThat(scheduler.place(anyJob(), pool(TestNode.named("a").drained(), TestNode.named("b").drained()))).isEmpty();
    }

    @Test
    void namedNodeIsTheOnlyChoice() {
        PoolView view = pool(TestNode.named("a"), TestNode.named("b").load(0.95), TestNode.named("c"), TestNode.named("d").drained());

        for (int i = 0; i < 5; i++) {
            assertThat(scheduler.place(job(NodeSelector.named(NodeId.of("b"))), view)).contains(NodeId.of("b"));
        }
        assertThat(scheduler.place(job(NodeSelector.named(NodeId.of("zz"))), view)).as("absent node").isEmpty();
        assertThat(scheduler.place(job(NodeSelector.named(NodeId.of("d"))), view)).as("drained node").isEmpty();
    }

    @Test
    void labelsMustAllMatch() {
        PoolView view = pool(
                TestNode.named("a").labels(Map.of("gpu", "a100", "zone", "east")),
                TestNode.named("b").labels(Map.of("gpu", "h100", "zone", "east")),
                TestNode.named("c"));

        for (int i = 0; i < 5; i++) {
            assertThat(scheduler.place(job(NodeSelector.labelled(Map.of("gpu", "a100"))), view)).contains(NodeId.of("a"));
            assertThat(scheduler.place(job(NodeSelector.labelled(Map.of("gpu", "h100", "zone", "east"))), view)).contains(NodeId.of("b"));
            assertThat(scheduler.place(job(NodeSelector.labelled(Map.of("zone", "east"))), view))
                    .hasValueSatisfying(id -> assertThat(id.value()).isIn("a", "b"));
        }
        assertThat(scheduler.place(job(NodeSelector.labelled(Map.of("gpu", "a100", "zone", "west"))), view)).isEmpty();
        assertThat(scheduler.place(job(NodeSelector.labelled(Map.of("gpu", "A100"))), view)).as("values compare exactly").isEmpty();
    }

    @Test
    void waitsWhenNoNodeHasRoom() {
        PoolView view = pool(TestNode.named("a").cpus(4), TestNode.named("b").cpus(2).running(2, new ResourceRequest(2, 0)),
                TestNode.named("c").cpus(8).running(1, new ResourceRequest(6, 0)).memory(8L << 30, 1L << 30));

        assertThat(scheduler.place(anyJob().withResources(new ResourceRequest(16, 0)), view)).as("more cpus than any node").isEmpty();
        assertThat(scheduler.place(anyJob().withResources(new ResourceRequest(0, 64L << 30)), view)).as("more memory than any node").isEmpty();
        assertThat(scheduler.place(job(NodeSelector.named(NodeId.of("b"))).withResources(new ResourceRequest(1, 0)), view))
                .as("all of b's cpus are claimed").isEmpty();
        assertThat(scheduler.place(job(NodeSelector.named(NodeId.of("c"))).withResources(new ResourceRequest(3, 0)), view))
                .as("c has 2 cpus left").isEmpty();
        assertThat(scheduler.place(job(NodeSelector.named(NodeId.of("c"))).withResources(new ResourceRequest(0, 2L << 30)), view))
                .as("c has 1 GiB available").isEmpty();
    }

    @Test
    void placesByFreeGpusAndWaitsWhenNoNodeHasEnough() {
        PoolView view = pool(TestNode.named("none").cpus(64),
                TestNode.named("busy").gpus(2, "NVIDIA L4").running(1, new ResourceRequest(0, 0, 2, "")),
                TestNode.named("free").gpus(2, "NVIDIA L4").running(1, new ResourceRequest(0, 0, 1, "")),
                TestNode.named("big").gpus(1, "NVIDIA A100-SXM4-40GB"));

        assertThat(scheduler.place(anyJob().withResources(ResourceRequest.NONE.withGpus(1, "l4")), view)).contains(NodeId.of("free"));
        assertThat(scheduler.place(anyJob().withResources(ResourceRequest.NONE.withGpus(1, "a100")), view)).contains(NodeId.of("big"));
        assertThat(scheduler.place(anyJob().withResources(ResourceRequest.NONE.withGpus(2)), view)).as("no node has 2 free").isEmpty();
        assertThat(scheduler.place(anyJob().withResources(ResourceRequest.NONE.withGpus(1, "h100")), view)).as("no such model").isEmpty();
    }

    @Test
    void placesAJobWhereItFits() {
        PoolView view = pool(TestNode.named("a").cpus(2).running(2, new ResourceRequest(2, 0)), TestNode.named("b").cpus(8));

        assertThat(scheduler.place(anyJob().withResources(new ResourceRequest(4, 1L << 30)), view)).contains(NodeId.of("b"));
    }

    @Test
    void neverPicksANodeOutsideTheViewOrTheRules() {
        Random random = new Random(20300101L);
        for (int round = 0; round < 300; round++) {
            PoolView view = randomPool(random);
            JobSpec job = randomJob(random);

            Optional<NodeId> placed = scheduler.place(job, view);

            placed.ifPresent(id -> {
                NodeView node = view.nodes().stream().filter(n -> n.id().equals(id)).findFirst()
                        .orElseThrow(() -> new AssertionError("picked " + id + ", which is not in the view " + view));
                assertThat(node.drained()).as("picked drained node %s", id).isFalse();
                assertThat(matches(job.target(), node)).as("picked %s, which does not match %s", id, job.target()).isTrue();
            });
        }
    }

    @Test
    void concurrentPlacementsAreAllValid() throws Exception {
        PoolView view = pool(TestNode.named("a"), TestNode.named("b").load(0.3), TestNode.named("c").drained(), TestNode.named("d").load(0.6));
        List<CompletableFuture<List<Optional<NodeId>>>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            workers.add(CompletableFuture.supplyAsync(() -> IntStream.range(0, 500).mapToObj(i -> scheduler.place(anyJob(), view)).toList()));
        }
        for (CompletableFuture<List<Optional<NodeId>>> worker : workers) {
            assertThat(worker.get(20, TimeUnit.SECONDS)).allSatisfy(placed ->
                    assertThat(placed).hasValueSatisfying(id -> assertThat(id.value()).isIn("a", "b", "d")));
        }
    }

    /**
     * A view of these nodes at {@link #NOW}.
     *
     * @param nodes the nodes
     * @return the view
     */
    protected static PoolView pool(TestNode... nodes) {
        return new PoolView(Arrays.stream(nodes).map(TestNode::view).toList(), NOW);
    }

    /**
     * A job for any node, claiming nothing.
     *
     * @return the job
     */
    protected static JobSpec anyJob() {
        return JobSpec.of("true");
    }

    /**
     * A job for the selected nodes, claiming nothing.
     *
     * @param target where it may run
     * @return the job
     */
    protected static JobSpec job(NodeSelector target) {
        return anyJob().withTarget(target);
    }

    private static boolean matches(NodeSelector selector, NodeView node) {
        return switch (selector) {
            case NodeSelector.AnyNode any -> true;
            case NodeSelector.NamedNode named -> named.node().equals(node.id());
            case NodeSelector.LabelledNodes labelled -> node.labels().entrySet().containsAll(labelled.labels().entrySet());
        };
    }

    private static PoolView randomPool(Random random) {
        List<TestNode> nodes = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            // distinct ids: n0, n1, ...; a named target may also name one that is absent (up to n9)
            int cpus = 1 + random.nextInt(8);
            int claimedCpus = random.nextInt(cpus + 1);
            long total = (1L + random.nextInt(32)) << 30;
            TestNode node = TestNode.named("n" + nodes.size())
                    .cpus(cpus)
                    .load(random.nextDouble())
                    .memory(total, (long) (total * random.nextDouble()))
                    .running(claimedCpus, new ResourceRequest(claimedCpus, 0))
                    .labels(random.nextBoolean() ? Map.of("zone", random.nextBoolean() ? "east" : "west") : Map.of());
            nodes.add(random.nextInt(4) == 0 ? node.drained() : node);
        }
        return pool(nodes.toArray(TestNode[]::new));
    }

    private static JobSpec randomJob(Random random) {
        NodeSelector target = switch (random.nextInt(3)) {
            case 0 -> NodeSelector.any();
            case 1 -> NodeSelector.named(NodeId.of("n" + random.nextInt(10)));
            default -> NodeSelector.labelled(Map.of("zone", random.nextBoolean() ? "east" : "west"));
        };
        return job(target).withResources(new ResourceRequest(random.nextInt(4), random.nextBoolean() ? 0 : 1L << 30));
    }
}
