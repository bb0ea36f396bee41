package io.resourcepool.launcher.client;

import io.resourcepool.api.JobId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pool logs ID [--follow]}: a job's output, or reattachment to it until it ends. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Print a job's output (yours; an admin may read anyone's): the last 64 KiB the hub kept.",
                "With --follow, stay attached from any machine, after any disconnect: print what was kept, then the output "
                        + "as it comes, and exit with the job's exit code, as run does."})
public final class LogsCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB", description = "the job's id, as `pool submit` printed it")
    String job;

    @Option(names = {"-f", "--follow"}, description = "keep printing output until the job ends, then exit with its exit code")
    boolean follow;

    @Override
    public Integer call() {
        JobId id = JobId.parse(job);
        try (ClientOptions.Connected c = client.connectResumed()) {
            if (follow) {
                return LiveOutput.ended(spec, c.client().follow(id, LiveOutput.printedBy(spec)));
            }
            new Utf8Printer(spec.commandLine().getOut()).print(c.client().job(id).outputTail());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
