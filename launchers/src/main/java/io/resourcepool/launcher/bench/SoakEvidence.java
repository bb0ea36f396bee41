package io.resourcepool.launcher.bench;

import io.resourcepool.api.JobId;
import io.resourcepool.api.spi.store.AuditEntry;
import io.resourcepool.api.spi.store.AuditVerification;
import io.resourcepool.api.spi.store.AuditWitness;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.store.Store;
import io.resourcepool.core.auth.AuditKey;
import io.resourcepool.launcher.config.Settings;
import io.resourcepool.launcher.hub.HubRuntime;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads what a stopped hub's store holds of the soak's jobs: their records, and the {@code job.finished} audit rows. */
final class SoakEvidence {
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
            // every row, walked by a verification under the hub's audit key, rather than the newest of one listing
            store.audit().useChain(AuditKey.openOrCreate(dataDir, () -> 1).chain());
            Map<String, Long> finished = new HashMap<>();
            AuditVerification walked = store.audit().verify(new AuditWitness() {
                @Override
                public Optional<String> check(AuditEntry row) {
                    if (row.event().action().equals("job.finished")) {
                        finished.merge(row.event().target(), 1L, Long::sum);
                    }
                    return Optional.empty();
                }

                @Override
                public Optional<AuditVerification> end(long lastRow) {
                    return Optional.empty();
                }
            });
            return new Stored(jobs, store.jobs().unfinished().size(), finished, walked.intact());
        }
    }
}
