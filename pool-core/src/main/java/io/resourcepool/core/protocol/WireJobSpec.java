package io.resourcepool.core.protocol;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.ProtocolException;
import io.resourcepool.api.ResourceRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A job spec on the wire. Absent choices are empty: {@code node} empty and {@code labels} empty mean any node.
 *
 * @param command the program and its arguments
 * @param node the node wanted, empty for the scheduler's choice
 * @param labels labels the node must carry
 * @param cpus processors claimed
 * @param memoryBytes memory claimed
 * @param timeoutMillis wall-clock limit, 0 for the hub's default
 * @param environment the job's only environment variables
 * @param retries more attempts after a lost one
 * @param outputCapBytes output kept
 * @param workingDirectory where it starts, relative to its work directory; empty for that directory
 * @param network whether it may use the network
 * @param image the container image it runs in, empty for none
 * @param gpus whole GPUs claimed, 0 for none
 * @param gpuModel text each GPU's model must contain, empty for any
 */
public record WireJobSpec(
        List<String> command, String node, Map<String, String> labels, int cpus, long memoryBytes, long timeoutMillis,
        Map<String, String> environment, int retries, long outputCapBytes, String workingDirectory, boolean network, String image,
        int gpus, String gpuModel) {

    /** Checks the sizes; {@link #toSpec()} checks the meaning. */
    public WireJobSpec {
        command = WireLimits.list(command, "command");
        command.forEach(a -> WireLimits.text(a, "command argument", JobSpec.MAX_ARGUMENT_CHARS));
        WireLimits.text(node, "node", WireLimits.NAME_CHARS);
        labels = WireLimits.map(labels, "labels", WireLimits.SHORT_TEXT_CHARS);
        environment = WireLimits.map(environment, "environment", JobSpec.MAX_ARGUMENT_CHARS);
        WireLimits.text(workingDirectory, "workingDirectory", JobSpec.MAX_WORKING_DIRECTORY_CHARS);
        WireLimits.text(image, "image", JobSpec.MAX_IMAGE_CHARS);
        WireLimits.text(gpuModel, "gpuModel", WireLimits.SHORT_TEXT_CHARS);
    }

    /**
     * From the API's form.
     *
     * @param spec the spec
     * @return the wire form
     */
    public static WireJobSpec from(JobSpec spec) {
        String node = spec.target() instanceof NodeSelector.NamedNode named ? named.node().value() : "";
        Map<String, String> labels = spec.target() instanceof NodeSelector.LabelledNodes l ? l.labels() : Map.of();
        return new WireJobSpec(spec.command(), node, labels, spec.resources().cpus(), spec.resources().memoryBytes(),
                spec.timeout().toMillis(), spec.environment(), spec.retries(), spec.outputCapBytes(), spec.workingDirectory(), spec.network(),
                spec.image(), spec.resources().gpus(), spec.resources().gpuModel());
    }

    /**
     * To the API's form.
     *
     * @return the spec
     * @throws ProtocolException naming the field when a value is not allowed
     */
    public JobSpec toSpec() {
        try {
            if (!node.isEmpty() && !labels.isEmpty()) {
                throw new IllegalArgumentException("give a node or labels, not both");
            }
            if (timeoutMillis < 0) {
                throw new IllegalArgumentException("timeoutMillis must not be negative, was " + timeoutMillis);
            }
            NodeSelector target = !node.isEmpty() ? NodeSelector.named(NodeId.of(node))
                    : labels.isEmpty() ? NodeSelector.any() : NodeSelector.labelled(labels);
            return new JobSpec(command, target, new ResourceRequest(cpus, memoryBytes, gpus, gpuModel), Duration.ofMillis(timeoutMillis),
                    environment, retries, outputCapBytes, workingDirectory, network, image);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("bad job spec: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "WireJobSpec[command=" + command + ", node=" + node + ", labels=" + labels + ", environment=" + environment.keySet()
                + ", workingDirectory=" + workingDirectory + ", network=" + network + ", image=" + image + ", gpus=" + gpus + ", gpuModel=" + gpuModel + "]";
    }
}
