package io.resourcepool.launcher.bench;

import io.resourcepool.api.JobState;
import io.resourcepool.api.spi.store.JobRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A finished soak: its checks and figures, and the summary it prints.
 *
 * @param evidence what the checks looked at
 * @param checks the checks
 * @param faults faults injected, by kind
 * @param reattached client processes that reattached to a job after the previous one was killed or dropped
 * @param reconnects times an in-process client had to log in again (its hub was killed)
 * @param took the load, the chaos and the drain
 */
record SoakOutcome(SoakChecks.Evidence evidence, List<SoakChecks.Check> checks, Map<Chaos.Kind, Integer> faults, long reattached, long reconnects,
        Duration took) {
    SoakOutcome {
        checks = List.copyOf(checks);
        faults = Map.copyOf(faults);
    }

    /** Whether every check held. */
    boolean passed() {
        return checks.stream().allMatch(SoakChecks.Check::passed);
    }

    /** Prints the summary: jobs run, faults injected, jobs lost, heap and files before and after, each check, and the command. */
    void print(PrintWriter out, String commandLine) {
        Map<JobState, Integer> states = new EnumMap<>(JobState.class);
        for (JobRecord job : evidence.stored().values()) {
            states.merge(job.state(), 1, Integer::sum);
        }
        List<String> lost = SoakChecks.lostJobs(evidence);
        out.println();
        out.println("soak summary");
        out.printf(Locale.ROOT, "  jobs run:        %d accepted (%s) in %d s%n", evidence.accepted().size(),
                states.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")), took.toSeconds());
        out.printf(Locale.ROOT, "  faults injected: %d (%s)%n", faults.values().stream().mapToInt(Integer::intValue).sum(),
                faults.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + " " + e.getValue())
                        .collect(Collectors.joining(", ")));
        out.printf(Locale.ROOT, "  clients:         %d client processes reattached after a kill or drop; %d times an in-process client logged in again%n", reattached, reconnects);
        out.println("  jobs lost:       " + (lost.isEmpty() ? "0" : lost.size() + ": " + String.join(", ", lost)));
        out.println("  hub before:      " + evidence.before().describe());
        out.println("  hub after:       " + evidence.after().describe());
        for (SoakChecks.Check check : checks) {
            out.printf(Locale.ROOT, "  [%s] %s: %s%n", check.passed() ? "ok" : "FAILED", check.name(), check.detail());
        }
        out.println("  command:         " + commandLine);
        out.println(passed() ? "soak passed" : "soak FAILED");
    }
}
