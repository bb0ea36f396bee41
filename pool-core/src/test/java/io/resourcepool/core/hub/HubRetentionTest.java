package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.AuditEntry;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.api.spi.store.JobOutcome;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.api.spi.transport.FrameLimits;
import io.resourcepool.core.auth.PasswordHasher;
import io.resourcepool.testkit.store.InMemoryStore;
import io.resourcepool.testkit.time.ManualClock;
import io.resourcepool.testkit.transport.LoopbackNetwork;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hub given a {@link Retention} sweeps on its own timer: old finished jobs go, the rest stays, and it is audited. */
class HubRetentionTest {
    @TempDir
    Path dir;

    @Test
    void hubWithRetentionPrunesOldFinishedJobsOnItsTimerAndKeepsTheRest() {
        ManualClock clock = ManualClock.start();
        InMemoryStore store = InMemoryStore.opened();
        Instant longAgo = clock.instant().minus(Duration.ofDays(40));
        JobId old = finished(store, longAgo);
        JobId recent = finished(store, clock.instant().minus(Duration.ofDays(2)));
        JobRecord running = JobRecord.queued(JobId.random(), JobSpec.of("sleep", "1000"), "bob", longAgo);
        store.jobs().create(running);
        store.jobs().markRunning(running.id(), 1, NodeId.of("w"), longAgo);

        try (PasswordHasher hasher = PasswordHasher.insecureForTesting(4, 2, 64);
                Hub hub = Hub.builder().transport(new LoopbackNetwork().transport(FrameLimits.DEFAULT)).store(store).passwordHasher(hasher)
                        .clock(clock).config(HubConfig.defaults(dir))
                        .retention(new Retention(Duration.ofDays(30), Retention.KEEP, Retention.KEEP))
                        .firstRetentionSweep(Duration.ZERO).build().start()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (store.jobs().find(old).isPresent() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
        }

        assertThat(store.jobs().find(old)).as("finished 40 days ago, kept 30").isEmpty();
        assertThat(store.jobs().find(recent)).isPresent();
        assertThat(store.jobs().find(running.id())).isPresent();
        assertThat(store.audit().list(AuditQuery.latest(20))).extracting(AuditEntry::event)
                .anySatisfy(e -> assertThat(e.action() + " " + e.detail()).isEqualTo("retention.pruned jobs=1 sessions=0 join-tokens=0"));
        assertThat(store.audit().verify().intact()).isTrue();
        store.close();
    }

    private static JobId finished(InMemoryStore store, Instant at) {
        JobRecord job = JobRecord.queued(JobId.random(), JobSpec.of("true"), "alice", at);
        store.jobs().create(job);
        store.jobs().markRunning(job.id(), 1, NodeId.of("w"), at);
        store.jobs().finish(job.id(), new JobOutcome(1, JobState.SUCCEEDED, Optional.of(0), Bytes.utf8("out"), "", at));
        return job.id();
    }
}
