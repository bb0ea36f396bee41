package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.core.client.PoolClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The observer hears every audit row as it is written and each job's end; the status counts waiting jobs. */
class HubObserverTest {
    @TempDir
    Path dataDir;

    private final List<AuditEvent> rows = new CopyOnWriteArrayList<>();
    private final List<JobState> ended = new CopyOnWriteArrayList<>();
    private final List<Duration> ran = new CopyOnWriteArrayList<>();
    private LoopbackHubFixture fixture;

    @BeforeEach
    void startHub() {
        fixture = new LoopbackHubFixture(dataDir, new HubObserver() {
            @Override
            public void audited(AuditEvent event) {
                rows.add(event);
            }

            @Override
            public void jobFinished(JobState state, Duration runTime) {
                ran.add(runTime);
                ended.add(state);
            }
        });
    }

    @AfterEach
    void stopHub() {
        fixture.close();
    }

    @Test
    void everyLoginIsHeardAsItsAuditRow() {
        try (PoolClient stranger = fixture.connect()) {
            assertThatThrownBy(() -> stranger.login("admin", Secret.of("wrong-password"))).isInstanceOf(AuthenticationException.class);
        }
        fixture.admin().close();

        assertThat(rows).extracting(AuditEvent::action).containsSubsequence("login.failed", "login.succeeded");
        assertThat(fixture.store.audit().list(io.resourcepool.api.spi.store.AuditQuery.latest(100))).hasSameSizeAs(rows);
    }

    @Test
    void statusCountsWaitingJobsAndTheObserverHearsTheirEnd() {
        try (PoolClient admin = fixture.admin()) {
            JobId first = admin.submit(JobSpec.of("true"));
            admin.submit(JobSpec.of("true"));
            assertThat(fixture.hub.status().queuedJobs()).isEqualTo(2);
            assertThat(fixture.hub.status().runningJobs()).isZero();
            assertThat(fixture.hub.status().aggregate().onlineNodes()).isZero();

            admin.cancel(first);

            // the end is heard once it is durable, which the cancel does not wait for
            await().atMost(Duration.ofSeconds(10)).until(() -> !ended.isEmpty());
            assertThat(ended).containsExactly(JobState.CANCELLED);
            assertThat(ran).as("a job cancelled before it started never ran").containsExactly(Duration.ZERO);
            assertThat(fixture.hub.status().queuedJobs()).isEqualTo(1);
            assertThat(rows).extracting(AuditEvent::action).contains("job.submitted", "job.finished");
        }
    }
}
