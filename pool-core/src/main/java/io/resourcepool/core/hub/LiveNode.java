package io.resourcepool.core.hub;

import io.resourcepool.api.JobId;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.FencingToken;
import io.resourcepool.api.NodeResources;
import io.resourcepool.api.ResourceRequest;
import io.resourcepool.api.spi.scheduler.NodeView;
import io.resourcepool.core.protocol.Message;
import io.resourcepool.core.protocol.MessageChannel;
import io.resourcepool.core.scheduler.GpuRoom;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A worker connected to this hub right now: the channel to it, what it last reported, and the jobs placed
 * on it. Thread-safe: the worker's conversation updates it, dispatchers and queries read it. Its view for the
 * scheduler is built once per change (a heartbeat, a claim, a release, a drain) rather than once per placement,
 * which with thousands of nodes looks at every one.
 */
final class LiveNode {
    private final NodeId id;
    private final String hostname;
    private final MessageChannel channel;
    private final Map<String, String> labels;
    private final String sandbox;
    private final Map<JobId, ResourceRequest> running = new HashMap<>();
    private volatile java.util.Optional<Instant> certificateExpires = java.util.Optional.empty();
    private volatile java.util.Optional<FencingToken> lease = java.util.Optional.empty();
    private NodeResources resources;
    private Instant lastHeartbeat;
    private boolean drained;
    /** The scheduler's view as of the last change, or null when it must be built again. */
    private NodeView view;

    LiveNode(NodeId id, String hostname, MessageChannel channel, NodeResources resources, Map<String, String> labels,
            String sandbox, boolean drained, Instant now) {
        this.id = id;
        this.hostname = hostname;
        this.channel = channel;
        this.resources = resources;
        this.labels = Map.copyOf(labels);
        this.sandbox = sandbox;
        this.drained = drained;
        this.lastHeartbeat = now;
    }

    NodeId id() {
        return id;
    }

    String hostname() {
        return hostname;
    }

    String sandbox() {
        return sandbox;
    }

    Map<String, String> labels() {
        return labels;
    }

    void send(Message message) {
        channel.send(message);
    }

    void disconnect() {
        channel.close();
    }

    /**
     * Takes a heartbeat's report.
     *
     * @return whether the node now offers more GPUs than before (one came back), so that jobs waiting for GPUs
     *     are tried again
     */
    synchronized boolean heartbeat(NodeResources reported, Instant at) {
        boolean moreGpus = reported.gpus().size() > resources.gpus().size();
        resources = reported;
        lastHeartbeat = at;
        view = null;
        return moreGpus;
    }

    /** When the certificate this node presents (or, once it renewed, will present) ends, if known. */
    java.util.Optional<Instant> certificateExpires() {
        return certificateExpires;
    }

    void certificateExpires(java.util.Optional<Instant> end) {
        certificateExpires = end;
    }

    /** The fencing token of this hub's lease on the node, where hubs share the database; empty where they do not. */
    java.util.Optional<FencingToken> lease() {
        return lease;
    }

    void leasedUnder(java.util.Optional<FencingToken> token) {
        lease = token;
    }

    synchronized Instant lastHeartbeat() {
        return lastHeartbeat;
    }

    /**
     * What the node last reported, each GPU's holder kept only when it is a job the hub runs there: a worker may
     * only speak of its own tasks.
     */
    synchronized NodeResources resources() {
        if (resources.gpus().stream().noneMatch(NodeResources.Gpu::busy)) {
            return resources;
        }
        Set<String> mine = running.keySet().stream().map(JobId::toString).collect(Collectors.toSet());
        List<NodeResources.Gpu> gpus = resources.gpus().stream().map(g -> mine.contains(g.heldBy()) ? g : g.withHolder("")).toList();
        return new NodeResources(resources.logicalCpus(), resources.cpuLoad(), resources.memoryTotalBytes(), resources.memoryAvailableBytes(),
                resources.storageTotalBytes(), resources.storageAvailableBytes(), gpus);
    }

    synchronized boolean drained() {
        return drained;
    }

    synchronized void setDrained(boolean value) {
        drained = value;
        view = null;
    }

    synchronized void assign(JobId job, ResourceRequest claim) {
        running.put(job, claim);
        view = null;
    }

    /**
     * Claims the node's resources for a job being placed, unless it asks for more GPUs than the node has left of
     * the model asked for: the check and the claim are one step, so that two jobs placed at once never count on
     * the same GPU. Processors and memory are the scheduler's to weigh and are not checked again here.
     */
    synchronized boolean claim(JobId job, ResourceRequest claim) {
        if (!GpuRoom.fits(claim, resources.gpus(), running.values())) {
            return false;
        }
        running.put(job, claim);
        view = null;
        return true;
    }

    synchronized boolean release(JobId job) {
        boolean released = running.remove(job) != null;
        if (released) {
            view = null;
        }
        return released;
    }

    synchronized boolean runs(JobId job) {
        return running.containsKey(job);
    }

    synchronized Set<JobId> runningJobs() {
        return Set.copyOf(running.keySet());
    }

    synchronized NodeView view() {
        if (view == null) {
            view = buildView();
        }
        return view;
    }

    private NodeView buildView() {
        int cpus = running.values().stream().mapToInt(ResourceRequest::cpus).sum();
        long memory = running.values().stream().mapToLong(ResourceRequest::memoryBytes).sum();
        int gpus = running.values().stream().mapToInt(ResourceRequest::gpus).sum();
        List<ResourceRequest> gpuClaims = running.values().stream().filter(r -> r.gpus() > 0).toList();
        return new NodeView(id, resources(), labels, drained, running.size(), new ResourceRequest(cpus, memory, gpus, ""), gpuClaims);
    }
}
