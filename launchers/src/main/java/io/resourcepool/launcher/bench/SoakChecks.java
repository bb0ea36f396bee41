package io.resourcepool.launcher.bench;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.spi.store.AuditVerification;
import io.resourcepool.api.spi.store.JobRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The soak's verdict: from what the clients were told and what the store holds once the pool has drained, whether
 * every accepted job ended exactly once, no result was lost, the audit chain holds, the hub gave back its heap and
 * files, no thread is stuck, and every fault was injected.
 */
final class SoakChecks {
    /** Problems listed in full per check; past it, only how many more. */
    private static final int SHOWN = 10;
    /** The name of the check that every job's end has its audit row. */
    static final String ENDS_AUDITED = "every job's end audited";

    private SoakChecks() {}

    /**
     * One check's outcome.
     *
     * @param name what it checks
     * @param passed whether it held
     * @param detail the figures, or the problems found
     */
    record Check(String name, boolean passed, String detail) {
        Check {
            Objects.requireNonNull(name, "name must be given");
            Objects.requireNonNull(detail, "detail must be given");
        }
    }

    /**
     * What the checks look at.
     *
     * @param accepted every job the hub gave an id for, with the end its client saw
     * @param stored those jobs as the store holds them after the drain
     * @param unfinished jobs of any kind the store still holds as QUEUED or RUNNING
     * @param finishedRows {@code job.finished} audit rows per job id
     * @param finishedRowsComplete whether {@code finishedRows} counts every row (else those before the row where a walk of
     *     the log found it broken)
     * @param audit the audit chain's verification
     * @param before the hub before the load
     * @param after the hub after the load and the drain
     * @param stuckThreads threads of the hub blocked in two dumps taken apart
     * @param chaosFailures faults that could not be injected
     * @param reattachFailures reattached followers that missed their job's end
     */
    record Evidence(List<SoakJob> accepted, Map<JobId, JobRecord> stored, int unfinished, Map<String, Long> finishedRows, boolean finishedRowsComplete,
            AuditVerification audit, HubVitals before, HubVitals after, List<String> stuckThreads, List<String> chaosFailures,
            List<String> reattachFailures) {
        Evidence {
            accepted = List.copyOf(accepted);
            stored = Map.copyOf(stored);
            finishedRows = Map.copyOf(finishedRows);
            Objects.requireNonNull(audit, "audit must be given");
            Objects.requireNonNull(before, "before must be given");
            Objects.requireNonNull(after, "after must be given");
            stuckThreads = List.copyOf(stuckThreads);
            chaosFailures = List.copyOf(chaosFailures);
            reattachFailures = List.copyOf(reattachFailures);
        }

        /** The part of the evidence about the jobs alone. */
        Jobs jobs() {
            return new Jobs(accepted, stored, unfinished, finishedRows, finishedRowsComplete, audit);
        }
    }

    /**
     * What the checks of the jobs alone look at: the part of {@link Evidence} any run of jobs against a pool has.
     *
     * @param accepted every job a hub gave an id for, with the end its client saw
     * @param stored those jobs as the store holds them after the drain
     * @param unfinished jobs of any kind the store still holds as QUEUED or RUNNING
     * @param finishedRows {@code job.finished} audit rows per job id
     * @param finishedRowsComplete whether {@code finishedRows} counts every row
     * @param audit the audit chain's verification
     */
    record Jobs(List<SoakJob> accepted, Map<JobId, JobRecord> stored, int unfinished, Map<String, Long> finishedRows, boolean finishedRowsComplete,
            AuditVerification audit) {}

    /**
     * The checks of the jobs alone: each accepted job ended exactly once, each end audited, no result lost, and the
     * audit chain intact.
     *
     * @param j what the store holds of them
     * @return the checks, in the order they are printed
     */
    static List<Check> ofJobs(Jobs j) {
        return List.of(endedOnce(j), endsAudited(j), noResultLost(j),
                new Check("audit chain verifies", j.audit().intact(), j.audit().rowsChecked() + " rows" + (j.audit().intact() ? "" : ": " + j.audit().problem())));
    }

    /**
     * Runs every check.
     *
     * @param e the evidence
     * @return the checks, in the order they are printed
     */
    static List<Check> of(Evidence e) {
        List<String> reattach = e.reattachFailures();
        List<Check> checks = new ArrayList<>(ofJobs(e.jobs()));
        checks.addAll(List.of(
                new Check("hub heap and open files back to baseline", e.after().backTo(e.before()),
                        "before " + e.before().describe() + ", after " + e.after().describe() + " (tolerance: heap 1.5x + 32 MiB, files +10% + 20)"),
                new Check("no thread left blocked", e.stuckThreads().isEmpty(), e.stuckThreads().isEmpty() ? "none BLOCKED in two dumps 5 s apart"
                        : shown(e.stuckThreads())),
                new Check("every fault injected", e.chaosFailures().isEmpty(), e.chaosFailures().isEmpty() ? "yes" : shown(e.chaosFailures())),
                new Check("reattached clients saw their job's end", reattach.isEmpty(), reattach.isEmpty() ? "yes" : shown(reattach))));
        return List.copyOf(checks);
    }

    /** The accepted jobs that are missing from the store or not ended: the jobs lost. */
    static List<String> lostJobs(Evidence e) {
        return lostJobs(e.jobs());
    }

    /** The accepted jobs that are missing from the store or not ended: the jobs lost. */
    static List<String> lostJobs(Jobs e) {
        List<String> lost = new ArrayList<>();
        for (SoakJob job : e.accepted()) {
            JobRecord stored = e.stored().get(job.id());
            if (stored == null) {
                lost.add(job.id() + " (accepted, not in the store)");
            } else if (!stored.state().isFinal()) {
                lost.add(job.id() + " (left " + stored.state() + ")");
            }
        }
        return lost;
    }

    private static Check endedOnce(Jobs e) {
        List<String> problems = new ArrayList<>(lostJobs(e));
        if (e.unfinished() > 0) {
            problems.add(e.unfinished() + " jobs of the store still QUEUED or RUNNING after the drain");
        }
        for (SoakJob job : e.accepted()) {
            JobRecord stored = e.stored().get(job.id());
            if (stored == null) {
                continue;
            }
            long rows = e.finishedRows().getOrDefault(job.id().toString(), 0L);
            if (stored.attempt() != 1) {
                problems.add(job.id() + " ran " + stored.attempt() + " attempts, with no retry asked for");
            }
            if (rows > 1) {
                problems.add(job.id() + " has " + rows + " job.finished audit rows");
            }
            job.seen().filter(seen -> seen != stored.state())
                    .ifPresent(seen -> problems.add(job.id() + " ended " + seen + " for its client but is " + stored.state() + " in the store"));
        }
        return new Check("every accepted job ended exactly once", problems.isEmpty(), problems.isEmpty()
                ? e.accepted().size() + " jobs, each in one final state, none with two job.finished audit rows"
                        + (e.finishedRowsComplete() ? "" : " before the broken row")
                : shown(problems));
    }

    /** Every ended job has its {@code job.finished} audit row (checked when the store's rows could all be read). */
    private static Check endsAudited(Jobs e) {
        if (!e.finishedRowsComplete()) {
            return new Check(ENDS_AUDITED, true, "not checked: the walk of the audit log stopped at a broken row (the audit check says which)");
        }
        List<String> problems = new ArrayList<>();
        for (SoakJob job : e.accepted()) {
            JobRecord stored = e.stored().get(job.id());
            if (stored != null && stored.state().isFinal() && !e.finishedRows().containsKey(job.id().toString())) {
                problems.add(job.id() + " ended " + stored.state() + " at " + stored.finishedAt().map(Object::toString).orElse("?")
                        + " without a job.finished audit row");
            }
        }
        return new Check(ENDS_AUDITED, problems.isEmpty(), problems.isEmpty() ? "each ended job has its job.finished row" : shown(problems));
    }

    private static Check noResultLost(Jobs e) {
        List<String> problems = new ArrayList<>();
        int results = 0;
        for (SoakJob job : e.accepted()) {
            JobRecord stored = e.stored().get(job.id());
            if (stored == null || stored.state() != JobState.SUCCEEDED) {
                continue;
            }
            results++;
            if (!stored.exitCode().equals(Optional.of(0))) {
                problems.add(job.id() + " SUCCEEDED with exit code " + stored.exitCode().map(String::valueOf).orElse("none"));
            } else if (job.printsMarker() && !stored.outputTail().asUtf8().contains(job.marker())) {
                problems.add(job.id() + " SUCCEEDED but its stored output lacks \"" + job.marker() + "\"");
            }
        }
        return new Check("no result lost", problems.isEmpty(), problems.isEmpty() ? results + " results stored, each with its exit code and output"
                : shown(problems));
    }

    private static String shown(List<String> problems) {
        String listed = String.join("; ", problems.subList(0, Math.min(SHOWN, problems.size())));
        return problems.size() > SHOWN ? listed + "; and " + (problems.size() - SHOWN) + " more" : listed;
    }
}
