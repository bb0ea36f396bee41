package io.resourcepool.launcher.client;

import io.resourcepool.api.JobId;
import io.resourcepool.core.client.JobInfo;
import io.resourcepool.http.api.Views;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pool job ID}: one job's details, then the tail of its output. */
@Command(name = "job", mixinStandardHelpOptions = true,
        description = "Show a job (yours; an admin may look at anyone's): its state, exit code and the last 64 KiB of its output.")
public final class JobCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB", description = "the job's id, as `pool submit` printed it")
    String job;

    @Override
    public Integer call() {
        JobInfo info;
        try (ClientOptions.Connected c = client.connectResumed()) {
            info = c.client().job(JobId.parse(job));
        }
        output.print(spec.commandLine().getOut(), out -> print(out, info), () -> Views.Job.detailed(info));
        return 0;
    }

    private static void print(PrintWriter out, JobInfo info) {
        out.println("job        " + info.id());
        out.println("owner      " + info.owner());
        out.println("state      " + info.state() + (info.attempt() > 1 ? " (attempt " + info.attempt() + ")" : ""));
        out.println("node       " + info.node().map(Object::toString).orElse("-"));
        out.println("submitted  " + info.submittedAt());
        out.println("started    " + time(info.startedAt()));
        out.println("finished   " + time(info.finishedAt()));
        out.println("exit code  " + info.exitCode().map(String::valueOf).orElse("-"));
        if (!info.reason().isEmpty()) {
            out.println("reason     " + info.reason());
        }
        out.println("command    " + String.join(" ", info.command()));
        out.println("output (last " + info.outputTail().size() + " bytes):");
        new Utf8Printer(out).print(info.outputTail());
    }

    private static String time(Optional<Instant> at) {
        return at.map(Instant::toString).orElse("-");
    }
}
