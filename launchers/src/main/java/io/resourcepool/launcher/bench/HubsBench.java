package io.resourcepool.launcher.bench;

import io.resourcepool.launcher.demo.ScratchDirectory;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pool bench hubs}: several hubs in processes of their own on one PostgreSQL of the bench's own, real workers
 * and clients spread over them, a number of jobs submitted while hubs are killed with SIGKILL one after another; then
 * the checks of {@link HubsChaos}, and jobs a second through the hubs. Exits 1 when a check fails, and then keeps its
 * scratch directory (every process's log).
 */
@Command(name = "hubs", mixinStandardHelpOptions = true,
        description = "Run jobs through several hubs on one PostgreSQL while hubs are killed with SIGKILL, then check every job ended exactly once.")
public final class HubsBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--hubs", defaultValue = "3", description = "hubs, each a process (default ${DEFAULT-VALUE})")
    int hubs;

    @Option(names = "--workers", defaultValue = "3", description = "real workers, each a process (default ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--fleet", defaultValue = "30", description = "simulated workers (no process per job), in one process (default ${DEFAULT-VALUE})")
    int fleet;

    @Option(names = "--real-every", defaultValue = "10", paramLabel = "N",
            description = "one job in N runs a process on a real worker, the others true on the fleet (default ${DEFAULT-VALUE}; 1: all real)")
    int realEvery;

    @Option(names = "--clients", defaultValue = "12", description = "clients submitting jobs, spread over the hubs (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--jobs", defaultValue = "10000", description = "jobs to submit (default ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--kills", defaultValue = "3", description = "hubs killed one after another while submitting (default ${DEFAULT-VALUE}; 0 to measure)")
    int kills;

    @Option(names = "--node-timeout", defaultValue = "15", paramLabel = "SECONDS",
            description = "the hubs' node timeout (default ${DEFAULT-VALUE}, as hub.node-timeout's)")
    int nodeTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (hubs < 1 || workers < 1 || fleet < 0 || realEvery < 1 || clients < 1 || jobs < 1 || kills < 0 || nodeTimeoutSeconds < 2
                || fleet == 0 && realEvery > 1) {
            throw new IllegalArgumentException("pool bench hubs needs --hubs, --workers, --real-every, --clients and --jobs of 1 or more,"
                    + " --fleet and --kills of 0 or more (a fleet when --real-every is above 1) and --node-timeout of 2 or more");
        }
        PrivatePostgres.requireInstallation();
        String commandLine = String.format(Locale.ROOT,
                "pool bench hubs --hubs %d --workers %d --fleet %d --real-every %d --clients %d --jobs %d --kills %d --node-timeout %d",
                hubs, workers, fleet, realEvery, clients, jobs, kills, nodeTimeoutSeconds);
        out.println(commandLine);
        out.flush();
        ScratchDirectory dir = ScratchDirectory.create("resourcepool-hubs-");
        HubsChaos.Outcome outcome = HubsChaos.run(dir.path(), new HubsChaos.Plan(hubs, workers, fleet, realEvery, clients, jobs,
                kills, Duration.ofSeconds(nodeTimeoutSeconds)), out);
        print(outcome, out);
        if (outcome.passed()) {
            dir.close();
        } else {
            out.println("the processes' logs are kept in " + dir.path());
        }
        out.flush();
        return outcome.passed() ? 0 : 1;
    }

    /**
     * {@code pool demo --hubs N}: the same in a minute, for a new user: N hubs, two workers, four clients, 300 jobs, one
     * hub killed with SIGKILL halfway.
     *
     * @param out where to tell what happens
     * @param hubCount how many hubs
     * @return 0 when every check held, else 1
     */
    public static int demo(PrintWriter out, int hubCount) throws InterruptedException {
        PrivatePostgres.requireInstallation();
        out.println("Starting a PostgreSQL of the demo's own, " + hubCount + " hubs on it (each a process, sharing the first hub's keys and CA),");
        out.println("two workers that know every hub, and four clients spread over the hubs; 300 jobs, and one hub killed halfway.");
        out.flush();
        try (ScratchDirectory dir = ScratchDirectory.create("resourcepool-demo-hubs-")) {
            HubsChaos.Outcome outcome = HubsChaos.run(dir.path(), new HubsChaos.Plan(hubCount, 2, 0, 1, 4, 300, 1,
                    Duration.ofSeconds(15)), out);
            print(outcome, out);
            out.println(outcome.passed() ? "Every job ran once and ended, through whichever hub was up; the workers moved to the hubs left."
                    : "Some check failed: see above.");
            out.flush();
            return outcome.passed() ? 0 : 1;
        }
    }

    static void print(HubsChaos.Outcome outcome, PrintWriter out) {
        out.printf(Locale.ROOT, "jobs accepted:   %d in %.1f s (%.0f a second)%n", outcome.accepted(), seconds(outcome.submitting()),
                outcome.accepted() / seconds(outcome.submitting()));
        out.printf(Locale.ROOT, "jobs ended:      all by %.1f s after the first submission (%.0f a second)%n", seconds(outcome.draining()),
                outcome.accepted() / seconds(outcome.draining()));
        for (SoakChecks.Check check : outcome.checks()) {
            out.println((check.passed() ? "[ok] " : "[FAILED] ") + check.name() + ": " + check.detail());
        }
    }

    private static double seconds(Duration d) {
        return Math.max(0.001, d.toNanos() / 1e9);
    }
}
