package io.resourcepool.testkit.scheduler;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeResources;
import io.resourcepool.api.ResourceRequest;
import io.resourcepool.api.spi.scheduler.NodeView;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link NodeView} for scheduler tests. Starts as an idle, undrained node with 4 processors, 16 GiB of
 * memory all available, no labels and no jobs; each method returns a changed copy.
 *
 * <pre>{@code TestNode.named("a").cpus(2).load(0.5).labels(Map.of("gpu", "a100")).view()}</pre>
 */
public final class TestNode {
    /** Memory a test node has unless told otherwise: 16 GiB. */
    public static final long DEFAULT_MEMORY_BYTES = 16L << 30;

    private final String id;
    private final int cpus;
    private final double load;
    private final long memoryTotal;
    private final long memoryAvailable;
    private final Map<String, String> labels;
    private final boolean drained;
    private final int runningJobs;
    private final ResourceRequest claimed;
    private final List<NodeResources.Gpu> gpus;

    private TestNode(String id, int cpus, double load, long memoryTotal, long memoryAvailable, Map<String, String> labels,
            boolean drained, int runningJobs, ResourceRequest claimed, List<NodeResources.Gpu> gpus) {
        this.id = id;
        this.gpus = gpus;
        this.cpus = cpus;
        this.load = load;
        this.memoryTotal = memoryTotal;
        this.memoryAvailable = memoryAvailable;
        this.labels = labels;
        this.drained = drained;
        this.runningJobs = runningJobs;
        this.claimed = claimed;
    }

    /**
     * An idle node.
     *
     * @param id its id, a valid {@link NodeId}
     * @return the builder
     */
    public static TestNode named(String id) {
        return new TestNode(id, 4, 0.0, DEFAULT_MEMORY_BYTES, DEFAULT_MEMORY_BYTES, Map.of(), false, 0, ResourceRequest.NONE, List.of());
    }

    /**
     * With this many logical processors.
     *
     * @param count the processors
     * @return the changed builder
     */
    public TestNode cpus(int count) {
        return new TestNode(id, count, load, memoryTotal, memoryAvailable, labels, drained, runningJobs, claimed, gpus);
    }

    /**
     * With this CPU load.
     *
     * @param fraction from 0.0 to 1.0
     * @return the changed builder
     */
    public TestNode load(double fraction) {
        return new TestNode(id, cpus, fraction, memoryTotal, memoryAvailable, labels, drained, runningJobs, claimed, gpus);
    }

    /**
     * With this memory.
     *
     * @param totalBytes physical memory
     * @param availableBytes memory available
     * @return the changed builder
     */
    public TestNode memory(long totalBytes, long availableBytes) {
        return new TestNode(id, cpus, load, totalBytes, availableBytes, labels, drained, runningJobs, claimed, gpus);
    }

    /**
     * With these labels.
     *
     * @param newLabels the labels
     * @return the changed builder
     */
    public TestNode labels(Map<String, String> newLabels) {
        return new TestNode(id, cpus, load, memoryTotal, memoryAvailable, Map.copyOf(newLabels), drained, runningJobs, claimed, gpus);
    }

    /**
     * Drained: it takes no new work.
     *
     * @return the changed builder
     */
    public TestNode drained() {
        return new TestNode(id, cpus, load, memoryTotal, memoryAvailable, labels, true, runningJobs, claimed, gpus);
    }

    /**
     * Running jobs that claim, together, these resources.
     *
     * @param jobs how many jobs
     * @param claimedTogether what they claim
     * @return the changed builder
     */
    public TestNode running(int jobs, ResourceRequest claimedTogether) {
        return new TestNode(id, cpus, load, memoryTotal, memoryAvailable, labels, drained, jobs, claimedTogether, gpus);
    }

    /**
     * With GPUs of one model, numbered from 0.
     *
     * @param count how many
     * @param model their model, for example {@code NVIDIA L4}
     * @return the changed builder
     */
    public TestNode gpus(int count, String model) {
        List<NodeResources.Gpu> more = new java.util.ArrayList<>(gpus);
        for (int i = 0; i < count; i++) {
            int index = more.size();
            more.add(new NodeResources.Gpu(index, "GPU-" + id + "-" + index, "NVIDIA", model, 24L << 30, 0, 0.0, 30));
        }
        return new TestNode(id, cpus, load, memoryTotal, memoryAvailable, labels, drained, runningJobs, claimed, List.copyOf(more));
    }

    /**
     * The node view.
     *
     * @return the view
     */
    public NodeView view() {
        NodeResources resources = new NodeResources(cpus, load, memoryTotal, memoryAvailable, 100L << 30, 50L << 30, gpus);
        return new NodeView(NodeId.of(id), resources, labels, drained, runningJobs, claimed);
    }
}
