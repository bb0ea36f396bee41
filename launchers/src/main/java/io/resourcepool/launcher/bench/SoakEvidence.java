package io.resourcepool.launcher.bench;

import io.resourcepool.api.JobId;
import io.resourcepool.api.spi.store.AuditEntry;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.store.Store;
import io.resourcepool.launcher.config.Settings;
import io.resourcepool.launcher.hub.HubRuntime;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads what a stopped hub's store holds of the soak's jobs: their records, and the {@code job.finished} audit rows. */
final class SoakEvidence {
    private static final int AUDIT_ROWS = 10_000;

    private SoakEvidence() {}

    /** What the store holds, read with the hub's own configuration after the hub stopped. */
    record Stored(Map<JobId, JobRecord> jobs, int unfinished, Map<String, Long> finishedRows, boolean finishedRowsComplete) {}

    /**
     * Opens the store of the hub's configuration, reads it and closes it.
     *
     * @param hubConfig the hub's configuration file
     * @param dataDir the hub's data directory
     * @param accepted the jobs to look up
     * @return what it holds
     */
    static Stored read(Path hubConfig, Path dataDir, List<SoakJob> accepted) {
        Settings settings = Settings.load(Optional.of(hubConfig), Map.of(), System.getenv());
        try (Store store = HubRuntime.unopenedStore(settings, dataDir)) {
            store.open();
            Map<JobId, JobRecord> jobs = new HashMap<>();
            for (SoakJob job : accepted) {
                store.jobs().find(job.id()).ifPresent(found -> jobs.put(job.id(), found));
            }
            List<AuditEntry> rows = store.audit().list(new AuditQuery(Optional.empty(), Optional.of("job.finished"), Optional.empty(), AUDIT_ROWS));
            Map<String, Long> finished = rows.stream().collect(Collectors.groupingBy(e -> e.event().target(), Collectors.counting()));
            return new Stored(jobs, store.jobs().unfinished().size(), finished, rows.size() < AUDIT_ROWS);
        }
    }
}
