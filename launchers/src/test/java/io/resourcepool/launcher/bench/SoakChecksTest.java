package io.resourcepool.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.spi.store.AuditVerification;
import io.resourcepool.api.spi.store.JobRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SoakChecksTest {
    private static final HubVitals BASELINE = new HubVitals(40L << 20, 100);

    private final SoakJob fleetJob = job(SoakJob.Kind.FLEET, "soak-0-0");
    private final SoakJob realJob = job(SoakJob.Kind.REAL, "soak-0-1");
    private final SoakJob lostToAFault = job(SoakJob.Kind.REAL, "soak-0-2");

    private static SoakJob job(SoakJob.Kind kind, String marker) {
        return new SoakJob(JobId.random(), kind, marker, Optional.empty());
    }

    private static JobRecord stored(SoakJob job, JobState state, int attempt, String output) {
        boolean ended = state.isFinal();
        return new JobRecord(job.id(), SoakJob.spec(job.kind(), job.marker()), "soak", state, attempt, Optional.empty(), Instant.EPOCH,
                Optional.empty(), ended ? Optional.of(Instant.EPOCH) : Optional.empty(),
                state == JobState.SUCCEEDED ? Optional.of(0) : Optional.empty(), Bytes.utf8(output), "", java.time.Duration.ZERO);
    }

    private Map<JobId, JobRecord> allEnded() {
        Map<JobId, JobRecord> stored = new HashMap<>();
        stored.put(fleetJob.id(), stored(fleetJob, JobState.SUCCEEDED, 1, ""));
        stored.put(realJob.id(), stored(realJob, JobState.SUCCEEDED, 1, "soak-0-1\n"));
        stored.put(lostToAFault.id(), stored(lostToAFault, JobState.LOST, 1, ""));
        return stored;
    }

    private Map<String, Long> oneRowEach() {
        return Map.of(fleetJob.id().toString(), 1L, realJob.id().toString(), 1L, lostToAFault.id().toString(), 1L);
    }

    private SoakChecks.Evidence evidence(Map<JobId, JobRecord> stored, Map<String, Long> rows, HubVitals after) {
        return new SoakChecks.Evidence(List.of(fleetJob, realJob, lostToAFault), stored, 0, rows, true, AuditVerification.intact(30), BASELINE,
                after, List.of(), List.of(), List.of());
    }

    private static SoakChecks.Check check(List<SoakChecks.Check> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aRunWhereEveryJobEndedOnceWithItsResultPassesAndAJobLostToAFaultCountsAsEnded() {
        List<SoakChecks.Check> checks = SoakChecks.of(evidence(allEnded(), oneRowEach(), BASELINE));

        assertThat(checks).allSatisfy(c -> assertThat(c.passed()).as(c.name() + ": " + c.detail()).isTrue());
        assertThat(SoakChecks.lostJobs(evidence(allEnded(), oneRowEach(), BASELINE))).isEmpty();
    }

    @Test
    void anAcceptedJobMissingFromTheStoreIsALostJobAndFailsTheRun() {
        Map<JobId, JobRecord> stored = allEnded();
        stored.remove(realJob.id());
        SoakChecks.Evidence e = evidence(stored, oneRowEach(), BASELINE);

        assertThat(SoakChecks.lostJobs(e)).singleElement().asString().contains(realJob.id().toString(), "not in the store");
        assertThat(check(SoakChecks.of(e), "every accepted job ended exactly once").passed()).isFalse();
    }

    @Test
    void aJobLeftRunningAfterTheDrainFailsTheRun() {
        Map<JobId, JobRecord> stored = allEnded();
        stored.put(realJob.id(), stored(realJob, JobState.RUNNING, 1, ""));

        SoakChecks.Check ended = check(SoakChecks.of(evidence(stored, oneRowEach(), BASELINE)), "every accepted job ended exactly once");

        assertThat(ended.passed()).isFalse();
        assertThat(ended.detail()).contains(realJob.id() + " (left RUNNING)");
    }

    @Test
    void aJobThatEndedTwiceOrRanTwiceFailsTheRun() {
        Map<String, Long> rows = new HashMap<>(oneRowEach());
        rows.put(fleetJob.id().toString(), 2L);
        Map<JobId, JobRecord> stored = allEnded();
        stored.put(realJob.id(), stored(realJob, JobState.SUCCEEDED, 2, "soak-0-1\n"));

        SoakChecks.Check ended = check(SoakChecks.of(evidence(stored, rows, BASELINE)), "every accepted job ended exactly once");

        assertThat(ended.passed()).isFalse();
        assertThat(ended.detail()).contains(fleetJob.id() + " has 2 job.finished audit rows", realJob.id() + " ran 2 attempts");
    }

    @Test
    void aJobThatEndedWithoutItsAuditRowFailsTheAuditedCheckOnly() {
        Map<String, Long> rows = new HashMap<>(oneRowEach());
        rows.remove(lostToAFault.id().toString());
        List<SoakChecks.Check> checks = SoakChecks.of(evidence(allEnded(), rows, BASELINE));

        assertThat(check(checks, SoakChecks.ENDS_AUDITED).passed()).isFalse();
        assertThat(check(checks, SoakChecks.ENDS_AUDITED).detail()).contains(lostToAFault.id() + " ended LOST", "without a job.finished audit row");
        assertThat(check(checks, "every accepted job ended exactly once").passed()).isTrue();
    }

    @Test
    void aClientToldOfAnotherEndThanTheStoreKeepsFailsTheRun() {
        SoakJob seen = realJob.seen(JobState.FAILED);
        SoakChecks.Evidence e = new SoakChecks.Evidence(List.of(fleetJob, seen, lostToAFault), allEnded(), 0, oneRowEach(), true,
                AuditVerification.intact(30), BASELINE, BASELINE, List.of(), List.of(), List.of());

        assertThat(check(SoakChecks.of(e), "every accepted job ended exactly once").detail())
                .contains(realJob.id() + " ended FAILED for its client but is SUCCEEDED in the store");
    }

    @Test
    void aSucceededJobWhoseStoredOutputLacksItsMarkerIsALostResult() {
        Map<JobId, JobRecord> stored = allEnded();
        stored.put(realJob.id(), stored(realJob, JobState.SUCCEEDED, 1, ""));

        SoakChecks.Check results = check(SoakChecks.of(evidence(stored, oneRowEach(), BASELINE)), "no result lost");

        assertThat(results.passed()).isFalse();
        assertThat(results.detail()).contains("lacks \"soak-0-1\"");
    }

    @Test
    void aHubThatKeptWhatTheLoadBroughtOrABrokenAuditChainFailsTheRun() {
        HubVitals bloated = new HubVitals(200L << 20, 400);
        SoakChecks.Evidence e = new SoakChecks.Evidence(List.of(fleetJob, realJob, lostToAFault), allEnded(), 0, oneRowEach(), true,
                AuditVerification.broken(30, 12, "row 12's hash does not match"), BASELINE, bloated, List.of("hub-session (7): a.b.C.m"),
                List.of("HUB_KILL: no restart"), List.of());
        List<SoakChecks.Check> checks = SoakChecks.of(e);

        assertThat(check(checks, "hub heap and open files back to baseline").passed()).isFalse();
        assertThat(check(checks, "audit chain verifies").detail()).contains("row 12's hash does not match");
        assertThat(check(checks, "no thread left blocked").detail()).contains("hub-session (7)");
        assertThat(check(checks, "every fault injected").passed()).isFalse();
        assertThat(check(checks, "every accepted job ended exactly once").passed()).isTrue();
    }
}
