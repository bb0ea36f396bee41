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
 * One group of the hub's job journal, written by {@link Store#record(JournalGroup)}: new jobs, starts and ends, and
 * the audit rows that record them.
 *
 * @param creates new jobs, each {@code QUEUED}
 * @param starts jobs placed on a node
 * @param finishes jobs' ends, by job
 * @param auditRows the audit rows of these changes, in order
 */
public record JournalGroup(List<JobRecord> creates, List<JobStore.JobStart> starts, Map<JobId, JobOutcome> finishes,
        List<AuditEvent> auditRows) {
    /** Copies the parts, keeping the order of the ends. */
    public JournalGroup {
        creates = List.copyOf(Objects.requireNonNull(creates, "creates must be given"));
        starts = List.copyOf(Objects.requireNonNull(starts, "starts must be given"));
        finishes = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(finishes, "finishes must be given")));
        auditRows = List.copyOf(Objects.requireNonNull(auditRows, "auditRows must be given"));
    }

    /**
     * Whether there is nothing to write.
     *
     * @return true when every part is empty
     */
    public boolean isEmpty() {
        return creates.isEmpty() && starts.isEmpty() && finishes.isEmpty() && auditRows.isEmpty();
    }

    /**
     * How many changes and rows the group holds, for messages.
     *
     * @return the count
     */
    public int size() {
        return creates.size() + starts.size() + finishes.size() + auditRows.size();
    }

    /**
     * The jobs of a group's starts that are not among those that started.
     *
     * @param group the group
     * @param started the jobs whose start applied
     * @return the others, in the order of the starts
     */
    public static Set<JobId> notStarted(JournalGroup group, Set<JobId> started) {
        Set<JobId> refused = new LinkedHashSet<>();
        group.starts().stream().map(JobStore.JobStart::id).filter(id -> !started.contains(id)).forEach(refused::add);
        return Collections.unmodifiableSet(refused);
    }
}
