package io.resourcepool.launcher.client;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
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

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "the program and its arguments (put -- before it)")
    List<String> command;

    /**
     * The job the flags describe.
     *
     * @return the spec
     * @throws IllegalArgumentException when the flags contradict each other or a value is not allowed
     */
    public JobSpec toSpec() {
        JobSpec job = JobSpec.of(command).withTarget(target()).withEnvironment(environment);
        return timeout == null ? job : job.withTimeout(parseTimeout(timeout));
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
