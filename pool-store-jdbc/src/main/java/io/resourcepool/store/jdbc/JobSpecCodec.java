package io.resourcepool.store.jdbc;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.ResourceRequest;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * A job's spec in one text column, in the {@link FieldWriter} encoding, format {@code job-spec/1}: command,
 * target, claimed CPUs and memory, timeout (ISO-8601), environment, retries, output cap. The environment's
 * values are stored because the job needs them; like the rest of the spec they are never logged.
 */
final class JobSpecCodec {
    static final String FORMAT = "job-spec/1";

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
                .encoded();
    }

    static JobSpec decode(String encoded, String what) {
        FieldReader r = new FieldReader(encoded, FORMAT, what);
        try {
            var command = r.list();
            NodeSelector target = target(r);
            var resources = new ResourceRequest(Math.toIntExact(r.number()), r.number());
            Duration timeout = Duration.parse(r.text());
            var spec = new JobSpec(command, target, resources, timeout, r.map(), Math.toIntExact(r.number()), r.number());
            r.end();
            return spec;
        } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
            throw r.damaged(e.getMessage());
        }
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
