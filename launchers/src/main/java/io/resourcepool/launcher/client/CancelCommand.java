package io.resourcepool.launcher.client;

import io.resourcepool.api.JobId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pool cancel ID}: cancels a job, waiting or running (its owner or an admin). */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"Cancel a job, waiting or running (your own; an admin may cancel anyone's).",
                "A running job ends once its worker has stopped it: `pool job ID` then shows CANCELLED."})
public final class CancelCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB", description = "the job's id, as `pool submit` printed it")
    String job;

    @Override
    public Integer call() {
        JobId id = JobId.parse(job);
        try (ClientOptions.Connected c = client.connectResumed()) {
            c.client().cancel(id);
        }
        spec.commandLine().getOut().println("cancel requested for job " + id);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
