package io.resourcepool.launcher.client;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.spi.Durations;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.core.client.RunResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pool run}: runs a command on the pool, streams its output, and exits with its exit code. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a command on a node (or the scheduler's choice), stream its output, and exit with its exit code.",
                "A command that timed out exits 124; one that was lost or cancelled exits 1."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

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

    @Override
    public Integer call() {
        JobSpec job = JobSpec.of(command).withTarget(target()).withEnvironment(environment);
        if (timeout != null) {
            job = job.withTimeout(parseTimeout(timeout));
        }
        Utf8Printer out = new Utf8Printer(spec.commandLine().getOut());
        Utf8Printer err = new Utf8Printer(spec.commandLine().getErr());
        try (ClientOptions.Connected c = client.connectResumed()) {
            RunResult result = c.client().run(job, (channel, chunk) -> (channel == OutputChannel.STDOUT ? out : err).print(chunk));
            if (!result.reason().isEmpty() || result.exitCode().isEmpty()) {
                spec.commandLine().getErr().println("pool: job " + result.job() + " ended " + result.state()
                        + (result.reason().isEmpty() ? "" : ": " + result.reason()));
            }
            return result.shellExitCode();
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
