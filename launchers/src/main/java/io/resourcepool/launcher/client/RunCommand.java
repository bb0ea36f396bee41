package io.resourcepool.launcher.client;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pool run}: runs a command on the pool, streams its output, and exits with its exit code. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a command on a node (or the scheduler's choice), stream its output, and exit with its exit code.",
                "A command that timed out exits 124; one that was lost or cancelled exits 1."})
public final class RunCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Mixin
    JobSpecOptions job;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var wanted = job.toSpec();
        try (ClientOptions.Connected c = client.connectResumed()) {
            return LiveOutput.ended(spec, c.client().run(wanted, LiveOutput.printedBy(spec)));
        }
    }
}
