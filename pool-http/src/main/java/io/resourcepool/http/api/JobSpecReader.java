package io.resourcepool.http.api;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.ResourceRequest;
import io.resourcepool.http.server.Problems;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what to run from a request body: {@code command} (required), {@code node} or {@code labels} (not both),
 * {@code limits} ({@code cpus}, {@code memoryBytes}, {@code gpus}, {@code gpuModel}, {@code timeoutSeconds}, {@code outputCapBytes}),
 * {@code environment}, {@code workingDirectory}, {@code retries}, {@code network} and {@code image}. The spec's own checks (arguments, variable
 * names, the working directory) apply; the hub checks the rest.
 *
 * @param defaultTimeout the timeout of a job that sets none ({@link Duration#ZERO}: the hub's default)
 * @param maxTimeout the longest timeout accepted
 * @param defaultOutputCapBytes the output cap of a job that sets none
 * @param maxOutputCapBytes the largest output cap accepted
 */
record JobSpecReader(Duration defaultTimeout, Duration maxTimeout, long defaultOutputCapBytes, long maxOutputCapBytes) {
    static final Set<String> FIELDS = Set.of("command", "node", "labels", "limits", "environment", "workingDirectory", "retries",
            "network", "image");
    static final Set<String> LIMITS = Set.of("cpus", "memoryBytes", "gpus", "gpuModel", "timeoutSeconds", "outputCapBytes");

    /** Detached jobs: the hub's default timeout, up to a year; 16 MiB of output by default, up to 1 TiB. */
    static final JobSpecReader DETACHED = new JobSpecReader(Duration.ZERO, Duration.ofDays(365), JobSpec.DEFAULT_OUTPUT_CAP_BYTES, 1L << 40);

    /** Short synchronous commands: a minute by default and ten at most; 1 MiB of output by default and 16 MiB at most. */
    static final JobSpecReader SYNCHRONOUS = new JobSpecReader(Duration.ofMinutes(1), Duration.ofMinutes(10), 1L << 20, JobSpec.DEFAULT_OUTPUT_CAP_BYTES);

    JobSpec read(ApiCall call) {
        JsonObject body = call.json(FIELDS);
        JobSpec spec = JobSpec.of(body.textList("command")).withTarget(target(body.optionalText("node"), body.optionalTextMap("labels")));
        Optional<JsonObject> limits = body.optionalObject("limits", LIMITS);
        long cpus = limits.flatMap(l -> l.optionalWhole("cpus", 0, 1 << 16)).orElse(0L);
        long memory = limits.flatMap(l -> l.optionalWhole("memoryBytes", 0, Long.MAX_VALUE)).orElse(0L);
        long gpus = limits.flatMap(l -> l.optionalWhole("gpus", 0, ResourceRequest.MAX_GPUS)).orElse(0L);
        String gpuModel = limits.flatMap(l -> l.optionalText("gpuModel")).map(String::strip).orElse("");
        if (!gpuModel.isEmpty() && gpus == 0) {
            throw new ProblemException(Problems.invalidField("limits.gpuModel", "gpuModel needs gpus (1 or more)"));
        }
        if (gpuModel.length() > 200) {
            throw new ProblemException(Problems.invalidField("limits.gpuModel", "gpuModel must be at most 200 characters"));
        }
        Duration timeout = limits.flatMap(l -> l.optionalWhole("timeoutSeconds", 1, maxTimeout.toSeconds())).map(Duration::ofSeconds)
                .orElse(defaultTimeout);
        long outputCap = limits.flatMap(l -> l.optionalWhole("outputCapBytes", 1, maxOutputCapBytes)).orElse(defaultOutputCapBytes);
        return spec.withResources(new ResourceRequest((int) cpus, memory, (int) gpus, gpuModel))
                .withTimeout(timeout)
                .withOutputCap(outputCap)
                .withEnvironment(body.optionalTextMap("environment").orElse(Map.of()))
                .withWorkingDirectory(body.optionalText("workingDirectory").orElse(""))
                .withRetries((int) (long) body.optionalWhole("retries", 0, 100).orElse(0L))
                .withNetwork(body.optionalBoolean("network").orElse(false))
                .withImage(body.optionalText("image").orElse(""));
    }

    private static NodeSelector target(Optional<String> node, Optional<Map<String, String>> labels) {
        if (node.isPresent() && labels.isPresent()) {
            throw new ProblemException(Problems.invalidField("labels", "give either node or labels, not both"));
        }
        if (labels.isPresent()) {
            if (labels.get().isEmpty()) {
                throw new ProblemException(Problems.invalidField("labels", "labels must name at least one label; leave it out for any node"));
            }
            return NodeSelector.labelled(labels.get());
        }
        return node.map(name -> NodeSelector.named(nodeId(name))).orElse(NodeSelector.ANY);
    }

    private static NodeId nodeId(String name) {
        try {
            return NodeId.of(name);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problems.invalidField("node", e.getMessage()));
        }
    }
}
