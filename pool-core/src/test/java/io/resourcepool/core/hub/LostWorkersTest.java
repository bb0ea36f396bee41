package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.protocol.ControlMessage;
import io.resourcepool.core.protocol.ErrorCode;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.NodeMessage;
import io.resourcepool.core.protocol.WireTask;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What becomes of jobs whose worker goes away, over real TLS with workers driven message by message and a
 * manual clock: a worker that comes back within its grace takes its job back; one that does not, or comes back
 * without it, loses it (LOST, or requeued as the next attempt when the spec allows retries, and then the dead
 * attempt's late result is refused); and a hub that restarts picks up what it left, from the store.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LostWorkersTest {
    private static final Duration GRACE = Duration.ofSeconds(15);

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
    void aWorkerThatReconnectsWithinItsGraceTakesItsJobBackAndItsResultCounts() {
        RawWorker worker = worker("w1");
        JobMessage.Task task = submitTo(worker, JobSpec.of("sleep", "5"));
        worker.disconnect();
        fixture.clock.advance(GRACE.minusSeconds(1));

        NodeMessage.HeartbeatAck ack = worker.register(new WireTask(task.jobId(), task.attempt()));
        worker.send(new JobMessage.Result(task.jobId(), task.attempt(), "SUCCEEDED", true, 0, false, ""));

        assertThat(ack.disowned()).isEmpty();
        assertThat(worker.expect(JobMessage.ResultAck.class)).isEqualTo(new JobMessage.ResultAck(task.jobId(), task.attempt()));
        assertThat(stored(task)).satisfies(job -> {
            assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(job.exitCode()).contains(0);
            assertThat(job.attempt()).isEqualTo(1);
        });
    }

    @Test
    void aWorkerSilentPastItsGraceLosesItsJobWhichIsNotRunAgain() {
        RawWorker worker = worker("w1");
        JobMessage.Task task = submitTo(worker, JobSpec.of("sleep", "60"));
        worker.disconnect();

        fixture.clock.advance(GRACE.plusSeconds(1));

        JobRecord lost = awaitStored(task, job -> job.state().isFinal());
        assertThat(lost.state()).isEqualTo(JobState.LOST);
        assertThat(lost.reason()).contains("was not heard from for 15 s");
        RawWorker other = worker("w2");
        other.send(new ControlMessage.Ping(9));
        assertThat(other.expect(ControlMessage.Pong.class).requestId()).as("no task reached the other worker first").isEqualTo(9);
        assertThat(admin.admin().audit("", "job.requeued", 10)).isEmpty();
    }

    @Test
    void withARetryTheLostJobRunsAgainElsewhereAndTheDeadAttemptsLateResultIsRefused() {
        RawWorker dead = worker("w1");
        // for any node, so that the retry may go elsewhere; w1 is the only node yet
        JobMessage.Task first = submitted(dead, JobSpec.of("sleep", "60").withRetries(1));
        dead.disconnect();
        fixture.clock.advance(GRACE.plusSeconds(1));
        awaitStored(first, job -> job.state() == JobState.QUEUED && job.attempt() == 2);

        RawWorker second = worker("w2");
        JobMessage.Task retry = second.expectTask();
        second.send(new JobMessage.Result(retry.jobId(), retry.attempt(), "SUCCEEDED", true, 0, false, ""));
        NodeMessage.HeartbeatAck back = dead.register(new WireTask(first.jobId(), first.attempt()));
        dead.send(new JobMessage.Result(first.jobId(), first.attempt(), "FAILED", true, 1, false, ""));

        assertThat(retry.jobId()).isEqualTo(first.jobId());
        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(back.disowned()).containsExactly(new WireTask(first.jobId(), 1));
        assertThat(dead.expect(ControlMessage.Error.class)).satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_ALLOWED.name());
            assertThat(e.message()).contains("attempt 1", "which it does not run");
        });
        JobRecord done = awaitStored(first, job -> job.state().isFinal());
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.attempt()).isEqualTo(2);
        assertThat(done.node()).contains(second.node());
        assertThat(admin.admin().audit("", "job.requeued", 10)).singleElement()
                .satisfies(row -> assertThat(row.detail()).contains("attempt 1 is lost and attempt 2 waits"));
        assertThat(admin.admin().audit("", "worker.report-refused", 10)).singleElement()
                .satisfies(row -> assertThat(row.actor()).isEqualTo("node:" + dead.node()));
    }

    @Test
    void aWorkerThatComesBackWithoutTheJobLosesItAtOnce() {
        RawWorker worker = worker("w1");
        JobMessage.Task task = submitTo(worker, JobSpec.of("sleep", "60"));
        worker.disconnect();

        worker.register();

        JobRecord lost = awaitStored(task, job -> job.state().isFinal());
        assertThat(lost.state()).isEqualTo(JobState.LOST);
        assertThat(lost.reason()).contains("came back without the job");
    }

    @Test
    void aHeartbeatReportingATaskTheHubDoesNotExpectIsAnsweredWithItDisowned() {
        RawWorker worker = worker("w1");
        JobMessage.Task task = submitTo(worker, JobSpec.of("sleep", "60"));
        WireTask stranger = new WireTask(JobId.random().toString(), 1);

        worker.send(new NodeMessage.Heartbeat(RawWorker.RESOURCES, List.of(new WireTask(task.jobId(), 1), stranger)));

        assertThat(worker.expect(NodeMessage.HeartbeatAck.class).disowned()).containsExactly(stranger);
        assertThat(stored(task).state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void aRestartedHubTakesItsRunningJobBackFromTheWorkerThatReportsIt() {
        RawWorker worker = worker("w1");
        JobMessage.Task task = submitTo(worker, JobSpec.of("sleep", "5"));

        fixture.restartHub();
        NodeMessage.HeartbeatAck ack = worker.register(new WireTask(task.jobId(), task.attempt()));
        worker.send(new JobMessage.Result(task.jobId(), task.attempt(), "FAILED", true, 3, false, ""));

        assertThat(ack.disowned()).isEmpty();
        JobRecord done = awaitStored(task, job -> job.state().isFinal());
        assertThat(done.state()).isEqualTo(JobState.FAILED);
        assertThat(done.exitCode()).contains(3);
        assertThat(done.attempt()).isEqualTo(1);
    }

    @Test
    void aRestartedHubPlacesTheJobsThatWereQueued() {
        JobId waiting = admin.submit(JobSpec.of("echo", "later"));

        fixture.restartHub();
        RawWorker worker = worker("w1");

        JobMessage.Task task = worker.expectTask();
        assertThat(task.jobId()).isEqualTo(waiting.toString());
        assertThat(task.attempt()).isEqualTo(1);
        assertThat(awaitStored(task, job -> job.state() == JobState.RUNNING).node()).contains(worker.node());
    }

    @Test
    void aRestartedHubLosesRunningJobsWhoseWorkerDoesNotComeBack() {
        RawWorker worker = worker("w1");
        JobMessage.Task task = submitTo(worker, JobSpec.of("sleep", "60"));

        fixture.restartHub();
        assertThat(stored(task).state()).isEqualTo(JobState.RUNNING);
        fixture.clock.advance(GRACE.plusSeconds(1));

        JobRecord lost = awaitStored(task, job -> job.state().isFinal());
        assertThat(lost.state()).isEqualTo(JobState.LOST);
        assertThat(lost.reason()).contains("node " + worker.node() + " was not heard from");
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

    private JobMessage.Task submitTo(RawWorker worker, JobSpec spec) {
        return submitted(worker, spec.withTarget(NodeSelector.named(worker.node())));
    }

    private JobMessage.Task submitted(RawWorker worker, JobSpec spec) {
        freshAdmin().submit(spec);
        JobMessage.Task task = worker.expectTask();
        awaitStored(task, job -> job.state() == JobState.RUNNING);
        return task;
    }

    private JobRecord stored(JobMessage.Task task) {
        return fixture.store.jobs().find(JobId.parse(task.jobId())).orElseThrow();
    }

    private JobRecord awaitStored(JobMessage.Task task, Predicate<JobRecord> condition) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> stored(task), condition::test);
    }
}
