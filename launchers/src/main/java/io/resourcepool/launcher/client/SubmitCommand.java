package io.resourcepool.launcher.client;

import io.resourcepool.api.JobId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pool submit}: hands a command to the pool detached, prints its job id and exits at once. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Submit a command to run detached: print its job id and exit at once.",
                "Follow it with `pool jobs`, `pool job ID` (state, exit code, output tail) and `pool cancel ID`."})
public final class SubmitCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Mixin
    JobSpecOptions job;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var wanted = job.toSpec();
        JobId id;
        try (ClientOptions.Connected c = client.connectResumed()) {
            id = c.client().submit(wanted);
        }
        spec.commandLine().getOut().println(id);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
