package io.resourcepool.launcher.client;

import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.JobQuery;
import io.resourcepool.core.client.JobInfo;
import io.resourcepool.http.api.Views;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pool jobs}: jobs as a table, newest first — one's own, or anyone's for an admin. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "List jobs, newest first: your own (an admin sees everyone's).")
public final class JobsCommand implements Callable<Integer> {
    private static final String ROW = "%-36s %-12s %-9s %-20s %-24s %4s  %s%n";

    @Mixin
    ClientOptions client;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Option(names = "--state", paramLabel = "STATE", description = "only jobs in this state: QUEUED, RUNNING, SUCCEEDED, FAILED, TIMED_OUT, CANCELLED, LOST")
    String state;

    @Option(names = {"-n", "--node"}, paramLabel = "NODE", description = "only jobs placed on this node")
    String node;

    @Option(names = "--user", paramLabel = "NAME", description = "only this user's jobs (another user's: admin role)")
    String user;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "at most this many jobs, 1 to 500 (default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("--limit must be between 1 and 500, was " + limit);
        }
        JobQuery query = new JobQuery(Optional.ofNullable(state).map(JobsCommand::parseState), Optional.ofNullable(node).map(NodeId::of),
                Optional.ofNullable(user), limit);
        List<JobInfo> jobs;
        try (ClientOptions.Connected c = client.connectResumed()) {
            jobs = c.client().jobs(query);
        }
        output.print(spec.commandLine().getOut(), out -> print(out, jobs), () -> jobs.stream().map(Views.Job::listed).toList());
        return 0;
    }

    private static void print(PrintWriter out, List<JobInfo> jobs) {
        out.printf(Locale.ROOT, ROW, "JOB", "OWNER", "STATE", "NODE", "SUBMITTED", "EXIT", "COMMAND");
        for (JobInfo j : jobs) {
            out.printf(Locale.ROOT, ROW, j.id(), j.owner(), j.state(), j.node().map(NodeId::value).orElse("-"), j.submittedAt(),
                    j.exitCode().map(String::valueOf).orElse("-"), String.join(" ", j.command()));
        }
        if (jobs.isEmpty()) {
            out.println("(no jobs)");
        }
    }

    private static JobState parseState(String text) {
        return Arrays.stream(JobState.values()).filter(s -> s.name().equalsIgnoreCase(text)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("--state '" + text + "' is not one of " + Arrays.toString(JobState.values())));
    }
}
