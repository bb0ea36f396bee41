package io.resourcepool.store.jdbc;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.ResourceRequest;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * A job's spec in one text column, in the {@link FieldWriter} encoding, format {@code job-spec/5}: command,
 * target, claimed CPUs and memory, timeout (ISO-8601), environment, retries, output cap, working directory,
 * network ({@code 1} or {@code 0}), container image (empty for none), claimed GPUs and their model (empty for any).
 * The older formats are still read, so no migration is needed: {@code job-spec/4}, written before the GPU fields,
 * is the same without them (no GPU), {@code job-spec/3}, written before the image field, is the same without it (no image),
 * {@code job-spec/2} also lacks the network field (no network), and {@code job-spec/1} also lacks the working
 * directory (the job's work directory itself). The environment's values arrive sealed by the hub (its
 * {@code EnvironmentVault}), and are stored as they come; like the rest of the spec they are never logged.
 */
final class JobSpecCodec {
    static final String FORMAT = "job-spec/5";
    /** The format before the GPU fields: read, never written. */
    static final String FORMAT_WITHOUT_GPUS = "job-spec/4";
    /** The format before the image field: read, never written. */
    static final String FORMAT_WITHOUT_IMAGE = "job-spec/3";
    /** The format before the network field: read, never written. */
    static final String FORMAT_WITHOUT_NETWORK = "job-spec/2";
    /** The format before the working directory: read, never written. */
    static final String FORMAT_WITHOUT_WORKING_DIRECTORY = "job-spec/1";

    private JobSpecCodec() {}

    static String encode(JobSpec spec) {
        FieldWriter w = new FieldWriter(FORMAT).list(spec.command());
        switch (spec.target()) {
            case NodeSelector.AnyNode any -> w.text("any");
            case NodeSelector.NamedNode named -> w.text("node").text(named.node().value());
            case NodeSelector.LabelledNodes labelled -> w.text("labels").map(labelled.labels());
        }
        return w.number(spec.resources().cpus())
                .number(spec.resources().memoryBytes())
                .text(spec.timeout().toString())
                .map(spec.environment())
                .number(spec.retries())
                .number(spec.outputCapBytes())
                .text(spec.workingDirectory())
                .number(spec.network() ? 1 : 0)
                .text(spec.image())
                .number(spec.resources().gpus())
                .text(spec.resources().gpuModel())
                .encoded();
    }

    static JobSpec decode(String encoded, String what) {
        FieldReader r = new FieldReader(encoded, java.util.Set.of(FORMAT, FORMAT_WITHOUT_GPUS, FORMAT_WITHOUT_IMAGE, FORMAT_WITHOUT_NETWORK,
                FORMAT_WITHOUT_WORKING_DIRECTORY), what);
        try {
            var command = r.list();
            NodeSelector target = target(r);
            int cpus = Math.toIntExact(r.number());
            long memory = r.number();
            Duration timeout = Duration.parse(r.text());
            var environment = r.map();
            int retries = Math.toIntExact(r.number());
            long outputCap = r.number();
            String workingDirectory = r.format().equals(FORMAT_WITHOUT_WORKING_DIRECTORY) ? "" : r.text();
            boolean withImage = r.format().equals(FORMAT) || r.format().equals(FORMAT_WITHOUT_GPUS);
            boolean withNetwork = withImage || r.format().equals(FORMAT_WITHOUT_IMAGE);
            boolean network = withNetwork && network(r.number(), r);
            String image = withImage ? r.text() : "";
            boolean withGpus = r.format().equals(FORMAT);
            var resources = withGpus ? new ResourceRequest(cpus, memory, Math.toIntExact(r.number()), r.text()) : new ResourceRequest(cpus, memory);
            var spec = new JobSpec(command, target, resources, timeout, environment, retries, outputCap, workingDirectory, network, image);
            r.end();
            return spec;
        } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
            throw r.damaged(e.getMessage());
        }
    }

    private static boolean network(long flag, FieldReader r) {
        if (flag != 0 && flag != 1) {
            throw r.damaged("network must be 0 or 1, was " + flag);
        }
        return flag == 1;
    }

    private static NodeSelector target(FieldReader r) {
        String kind = r.text();
        return switch (kind) {
            case "any" -> NodeSelector.any();
            case "node" -> NodeSelector.named(NodeId.of(r.text()));
            case "labels" -> NodeSelector.labelled(r.map());
            default -> throw r.damaged("'" + kind + "' is not a kind of target");
        };
    }
}
