package io.resourcepool.launcher.client;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.ResourceRequest;
import io.resourcepool.api.spi.ByteSizes;
import io.resourcepool.api.spi.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What to run and where, as {@code pool run} and {@code pool submit} take it: a mixin, so both read the same flags. */
public final class JobSpecOptions {
    @Option(names = {"-n", "--node"}, paramLabel = "NODE", description = "run on this node (default: the scheduler chooses)")
    String node;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "run on a node carrying this label, repeatable")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = {"-t", "--timeout"}, paramLabel = "DURATION", description = "wall-clock limit, e.g. 30s or 5m (default: the hub's)")
    String timeout;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME=VALUE", description = "an environment variable for the command, repeatable")
    Map<String, String> environment = new LinkedHashMap<>();

    @Option(names = "--cpus", paramLabel = "N", description = "processors the job claims, and may use at most where the worker can cap it")
    Integer cpus;

    @Option(names = {"-m", "--memory"}, paramLabel = "SIZE", description = "memory the job claims and may use at most, e.g. 512m or 2g")
    String memory;

    @Option(names = "--gpus", paramLabel = "N", description = "whole GPUs the job is given to itself; it waits until a node has that many free")
    Integer gpus;

    @Option(names = "--gpu-model", paramLabel = "TEXT", description = "with --gpus: only GPUs whose model contains this, case ignored, e.g. a100")
    String gpuModel;

    @Option(names = "--retries", paramLabel = "N", description = "more attempts after a lost one (default 0)")
    Integer retries;

    @Option(names = "--output-cap", paramLabel = "SIZE", description = "output kept before the rest is cut with a marker, e.g. 64m (default 16m)")
    String outputCap;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR",
            description = "where the command starts, relative to the job's fresh work directory, e.g. build/out (created for it)")
    String workdir;

    @Option(names = "--network", description = "let the command use the network where the sandbox isolates it (bubblewrap); "
            + "without it such a sandbox gives the job none")
    boolean network;

    @Option(names = "--image", paramLabel = "IMAGE",
            description = "run the command in this container image, e.g. localhost/tools:1 (needs a node with worker.sandbox=oci)")
    String image;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "the program and its arguments (put -- before it)")
    List<String> command;

    /**
     * The job the flags describe.
     *
     * @return the spec
     * @throws IllegalArgumentException when the flags contradict each other or a value is not allowed
     */
    public JobSpec toSpec() {
        JobSpec job = JobSpec.of(command).withTarget(target()).withEnvironment(environment).withResources(resources()).withNetwork(network);
        if (timeout != null) {
            job = job.withTimeout(parseTimeout(timeout));
        }
        if (retries != null) {
            job = job.withRetries(checked("--retries", retries));
        }
        if (outputCap != null) {
            long cap = ByteSizes.parse(outputCap, "--output-cap");
            if (cap <= 0) {
                throw new IllegalArgumentException("--output-cap must be more than 0 bytes, was '" + outputCap + "'");
            }
            job = job.withOutputCap(cap);
        }
        if (image != null) {
            job = withImage(job, image);
        }
        return workdir == null ? job : withWorkdir(job, workdir);
    }

    private ResourceRequest resources() {
        int claimedCpus = cpus == null ? 0 : checked("--cpus", cpus);
        long claimedMemory = memory == null ? 0 : ByteSizes.parse(memory, "--memory");
        int claimedGpus = gpus == null ? 0 : checked("--gpus", gpus);
        if (gpuModel != null && claimedGpus == 0) {
            throw new IllegalArgumentException("--gpu-model needs --gpus N (1 or more)");
        }
        if (claimedGpus > ResourceRequest.MAX_GPUS) {
            throw new IllegalArgumentException("--gpus must be at most " + ResourceRequest.MAX_GPUS + ", was " + claimedGpus);
        }
        return new ResourceRequest(claimedCpus, claimedMemory, claimedGpus, gpuModel == null ? "" : gpuModel.strip());
    }

    private static int checked(String option, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(option + " must not be negative, was " + value);
        }
        return value;
    }

    private static JobSpec withImage(JobSpec job, String reference) {
        try {
            return job.withImage(reference);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--image: " + e.getMessage(), e);
        }
    }

    private static JobSpec withWorkdir(JobSpec job, String directory) {
        try {
            return job.withWorkingDirectory(directory);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--workdir: " + e.getMessage(), e);
        }
    }

    private NodeSelector target() {
        if (node != null && !labels.isEmpty()) {
            throw new IllegalArgumentException("give --node or --label, not both");
        }
        if (node != null) {
            return NodeSelector.named(NodeId.of(node));
        }
        return labels.isEmpty() ? NodeSelector.any() : NodeSelector.labelled(labels);
    }

    private static Duration parseTimeout(String text) {
        try {
            return Durations.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--timeout '" + text + "' is not a duration such as 30s, 5m or 1h");
        }
    }
}
