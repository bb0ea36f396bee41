package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.core.auth.EnvironmentVault;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.protocol.ControlMessage;
import io.resourcepool.core.protocol.JobMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's environment values reach the store only sealed, while every task a worker gets for the job carries them
 * as submitted: the first attempt, a retry after a lost attempt, and the job a restarted hub takes up from the
 * store. A job whose values no longer open, because the key file was replaced, fails saying so and reaches no
 * worker.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SealedEnvironmentsTest {
    private static final Duration GRACE = Duration.ofSeconds(15);
    private static final String SECRET = "very-secret-value-123";
    private static final JobSpec WITH_SECRET = JobSpec.of("sh", "-c", "printf %s \"$SECRET\"")
            .withEnvironment(Map.of("SECRET", SECRET, "MODE", "plain-looking"));

    @TempDir
    Path dataDir;

    @TempDir
    Path workersDir;

    private TlsHubFixture fixture;
    private PoolClient admin;

    @BeforeEach
    void startHub() {
        fixture = TlsHubFixture.configured(dataDir, c -> c.withHeartbeats(Duration.ofMillis(100), GRACE));
        admin = fixture.track(fixture.admin());
    }

    @AfterEach
    void stopHub() throws Exception {
        fixture.close();
    }

    @Test
    void theStoreKeepsTheNamesAndSealedValuesWhileTheWorkerGetsTheValues() {
        RawWorker worker = worker("w1");
        JobId id = freshAdmin().submit(WITH_SECRET.withTarget(NodeSelector.named(worker.node())));

        JobMessage.Task task = worker.expectTask();

        assertThat(task.spec().environment()).isEqualTo(WITH_SECRET.environment());
        JobRecord stored = fixture.store.jobs().find(id).orElseThrow();
        assertThat(stored.spec().environment()).containsOnlyKeys("SECRET", "MODE");
        assertThat(stored.spec().environment().values()).allSatisfy(value -> assertThat(value)
                .startsWith(EnvironmentVault.SEALED_PREFIX).doesNotContain(SECRET).doesNotContain("plain-looking"));
        assertThat(stored.spec().command()).isEqualTo(WITH_SECRET.command());
        assertThat(freshAdmin().admin().audit("", "", 100)).isNotEmpty().allSatisfy(row -> assertThat(row.toString()).doesNotContain(SECRET));
    }

    @Test
    void aRetryAfterALostAttemptGetsTheValuesAgain() {
        RawWorker dead = worker("w1");
        freshAdmin().submit(WITH_SECRET.withRetries(1));
        JobMessage.Task first = dead.expectTask();
        awaitStored(first, job -> job.state() == JobState.RUNNING);
        dead.disconnect();
        fixture.clock.advance(GRACE.plusSeconds(1));
        awaitStored(first, job -> job.state() == JobState.QUEUED && job.attempt() == 2);

        JobMessage.Task retry = worker("w2").expectTask();

        assertThat(retry.jobId()).isEqualTo(first.jobId());
        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(retry.spec().environment()).isEqualTo(WITH_SECRET.environment());
    }

    @Test
    void aRestartedHubGivesAQueuedJobItsValues() {
        JobId waiting = freshAdmin().submit(WITH_SECRET);

        fixture.restartHub();
        JobMessage.Task task = worker("w1").expectTask();

        assertThat(task.jobId()).isEqualTo(waiting.toString());
        assertThat(task.spec().environment()).isEqualTo(WITH_SECRET.environment());
    }

    @Test
    void aJobWhoseValuesDoNotOpenAfterTheKeyFileWasReplacedFailsNamingItAndReachesNoWorker() throws Exception {
        JobId waiting = freshAdmin().submit(WITH_SECRET);
        Files.delete(dataDir.resolve(EnvironmentVault.FILE_NAME));

        fixture.restartHub();
        RawWorker worker = worker("w1");

        JobRecord failed = await().atMost(Duration.ofSeconds(20)).until(() -> fixture.store.jobs().find(waiting).orElseThrow(), j -> j.state().isFinal());
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.reason()).contains(EnvironmentVault.FILE_NAME, "does not open", "submit the job again").doesNotContain(SECRET);
        assertThat(freshAdmin().job(waiting).reason()).contains(EnvironmentVault.FILE_NAME);
        worker.send(new ControlMessage.Ping(9));
        assertThat(worker.expect(ControlMessage.Pong.class).requestId()).as("no task reached the worker first").isEqualTo(9);
    }

    @Test
    void aValueTooLongToStoreSealedIsRefusedAtSubmissionSayingWhy() {
        JobSpec tooLong = JobSpec.of("env").withEnvironment(Map.of("BIG", "x".repeat(EnvironmentVault.MAX_VALUE_BYTES + 1)));

        assertThatThrownBy(() -> freshAdmin().submit(tooLong))
                .hasMessageContaining("environment value of BIG is " + (EnvironmentVault.MAX_VALUE_BYTES + 1) + " bytes");
        assertThat(fixture.store.jobs().unfinished()).isEmpty();
    }

    private RawWorker worker(String name) {
        RawWorker worker = RawWorker.enrolled(fixture, freshAdmin(), workersDir.resolve(name));
        worker.register();
        return worker;
    }

    /** The admin's client, connected again if a restart of the hub closed it. */
    private PoolClient freshAdmin() {
        try {
            admin.ping();
        } catch (TransportException e) {
            admin = fixture.track(fixture.admin());
        }
        return admin;
    }

    private JobRecord awaitStored(JobMessage.Task task, Predicate<JobRecord> condition) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> fixture.store.jobs().find(JobId.parse(task.jobId())).orElseThrow(), condition::test);
    }
}
