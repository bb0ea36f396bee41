package io.resourcepool.api.spi.store;

import io.resourcepool.api.JobId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One group of the hub's job journal, written by {@link Store#record(JournalGroup)}: new jobs, starts, ends and
 * requeues, and the audit rows that record them, under conditions that must still hold when the group is written.
 *
 * @param creates new jobs, each {@code QUEUED}
 * @param starts jobs placed on a node
 * @param finishes jobs' ends, by job
 * @param requeues running attempts given up, each job waiting again as its next attempt
 * @param auditRows the audit rows of these changes, in order
 * @param conditions what must still hold for anything of the group to be written; empty for none
 */
public record JournalGroup(List<JobRecord> creates, List<JobStore.JobStart> starts, Map<JobId, JobOutcome> finishes,
        List<JobStore.JobRequeue> requeues, List<AuditEvent> auditRows, List<JournalCondition> conditions) {
    /** Copies the parts, keeping the order of the ends. */
    public JournalGroup {
        creates = List.copyOf(Objects.requireNonNull(creates, "creates must be given"));
        starts = List.copyOf(Objects.requireNonNull(starts, "starts must be given"));
        finishes = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(finishes, "finishes must be given")));
        requeues = List.copyOf(Objects.requireNonNull(requeues, "requeues must be given"));
        auditRows = List.copyOf(Objects.requireNonNull(auditRows, "auditRows must be given"));
        conditions = List.copyOf(Objects.requireNonNull(conditions, "conditions must be given"));
    }

    /**
     * A group of new jobs, starts and ends with their audit rows, under no condition.
     *
     * @param creates new jobs, each {@code QUEUED}
     * @param starts jobs placed on a node
     * @param finishes jobs' ends, by job
     * @param auditRows the audit rows of these changes, in order
     */
    public JournalGroup(List<JobRecord> creates, List<JobStore.JobStart> starts, Map<JobId, JobOutcome> finishes, List<AuditEvent> auditRows) {
        this(creates, starts, finishes, List.of(), auditRows, List.of());
    }

    /**
     * One change with its audit row, written only while the conditions hold.
     *
     * @param finishes the ends, by job (none for a requeue)
     * @param requeues the requeues (none for an end)
     * @param auditRow the change's audit row
     * @param conditions what must still hold
     * @return the group
     */
    public static JournalGroup guarded(Map<JobId, JobOutcome> finishes, List<JobStore.JobRequeue> requeues, AuditEvent auditRow,
            List<JournalCondition> conditions) {
        return new JournalGroup(List.of(), List.of(), finishes, requeues, List.of(auditRow), conditions);
    }

    /**
     * Whether there is nothing to write.
     *
     * @return true when every part is empty
     */
    public boolean isEmpty() {
        return creates.isEmpty() && starts.isEmpty() && finishes.isEmpty() && requeues.isEmpty() && auditRows.isEmpty();
    }

    /**
     * How many changes and rows the group holds, for messages.
     *
     * @return the count
     */
    public int size() {
        return creates.size() + starts.size() + finishes.size() + requeues.size() + auditRows.size();
    }

    /**
     * Every job the group changes, in the order of its parts: what {@link Store#record} names when a condition does
     * not hold and nothing was written.
     *
     * @return the jobs
     */
    public Set<JobId> jobs() {
        Set<JobId> all = new LinkedHashSet<>();
        creates.forEach(job -> all.add(job.id()));
        starts.forEach(start -> all.add(start.id()));
        all.addAll(finishes.keySet());
        requeues.forEach(requeue -> all.add(requeue.id()));
        return Collections.unmodifiableSet(all);
    }

    /**
     * The jobs of a group's starts and requeues that are not among those that moved.
     *
     * @param group the group
     * @param moved the jobs whose start or requeue applied
     * @return the others, starts first, each in the group's order
     */
    public static Set<JobId> notApplied(JournalGroup group, Set<JobId> moved) {
        Set<JobId> refused = new LinkedHashSet<>();
        group.starts().stream().map(JobStore.JobStart::id).filter(id -> !moved.contains(id)).forEach(refused::add);
        group.requeues().stream().map(JobStore.JobRequeue::id).filter(id -> !moved.contains(id)).forEach(refused::add);
        return Collections.unmodifiableSet(refused);
    }
}
