package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.spi.store.JobQuery;
import io.resourcepool.api.spi.transport.FrameLimits;
import io.resourcepool.core.client.OutputDroppedException;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.client.RunResult;
import io.resourcepool.core.protocol.AuthMessage;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.WireJobSpec;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that stops reading the output of a job that prints without end (a {@code pool run} stopped with
 * Ctrl-Z) holds up nobody else: over real TLS, with a real worker running real processes, other clients' jobs on
 * the same node go on completing; the stalled follower is dropped with a message saying how to resume, its
 * connection is cut once a write to it outlasts the write deadline, and the job runs on and can be cancelled.
 */
class SlowFollowersTest {
    static final long BUFFER = RelayLimits.MIN_FOLLOWER_BUFFER_BYTES;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** A job that prints 70-byte lines without end, allowed to print a gigabyte. */
    static JobSpec chatty(NodeId node) {
        return JobSpec.of("sh", "-c", "while :; do echo chatty-output-chatty-output-chatty-output-chatty-output-chatty-output; done")
                .withTarget(NodeSelector.named(node)).withOutputCap(1L << 30);
    }

    static TlsHubFixture hub(Path dir, Duration writeDeadline) {
        return TlsHubFixture.tuned(dir, tls -> tls.withLimits(FrameLimits.DEFAULT.withWriteDeadline(writeDeadline)),
                config -> config.withRelay(new RelayLimits(BUFFER, 1L << 30)));
    }

    @Test
    void aFollowerThatNeverReadsIsDroppedAndCutOffWhileOtherJobsOnItsNodeComplete() throws Exception {
        try (TlsHubFixture pool = hub(dir.resolve("hub"), Duration.ofSeconds(1)); RealWorkers workers = new RealWorkers()) {
            NodeId node = workers.start(pool, dir.resolve("w1"), "w1");
            PoolClient other = pool.track(pool.admin());
            RawTlsClient stalled = pool.rawWithSmallReceiveBuffer();
            stalled.hello("client");
            stalled.send(new AuthMessage.Login(1, "admin", TlsHubFixture.ADMIN_PASSWORD.reveal(), ""));
            stalled.expect(AuthMessage.AuthOk.class);
            stalled.send(new JobMessage.Run(2, WireJobSpec.from(chatty(node))));

            await().atMost(PATIENCE).until(() -> pool.hub.status().followersDropped() >= 1);
            runTrueRepeatedly(other, node);
            JobId job = running(other, node);
            // it follows the job again and again, never reading, until the hub's writes to it stick and the deadline cuts it off
            AtomicLong requests = new AtomicLong(100);
            await().atMost(PATIENCE).until(() -> !followAgain(stalled, job, requests.incrementAndGet()));
            stalled.assertClosedByHub();
            await().atMost(PATIENCE).until(() -> pool.hub.status().outputBufferedBytes() == 0);
            runTrueRepeatedly(other, node);

            other.cancel(job);
            await().atMost(PATIENCE).until(() -> other.job(job).state() == JobState.CANCELLED);
        }
    }

    @Test
    void aClientThatPausesTooLongIsToldItFellBehindAndHowToResumeAndTheJobRunsOn() throws Exception {
        try (TlsHubFixture pool = hub(dir.resolve("hub"), Duration.ofSeconds(60)); RealWorkers workers = new RealWorkers()) {
            NodeId node = workers.start(pool, dir.resolve("w1"), "w1");
            PoolClient other = pool.track(pool.admin());
            PoolClient paused = pool.track(pool.admin());
            CountDownLatch resume = new CountDownLatch(1);
            CompletableFuture<RunResult> run = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    run.complete(paused.run(chatty(node), (channel, chunk) -> awaitQuietly(resume)));
                } catch (RuntimeException e) {
                    run.completeExceptionally(e);
                }
            });

            await().atMost(PATIENCE).until(() -> pool.hub.status().followersDropped() >= 1);
            runTrueRepeatedly(other, node);
            resume.countDown();

            JobId job = running(other, node);
            assertThatThrownBy(() -> run.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(OutputDroppedException.class)
                    .hasMessageContaining("output dropped: this client fell behind")
                    .hasMessageContaining("pool logs --follow " + job);
            paused.ping();
            other.cancel(job);
            await().atMost(PATIENCE).until(() -> other.job(job).state() == JobState.CANCELLED);
        }
    }

    /** Runs {@code true} on the node five times, each of which must end well within the patience. */
    static void runTrueRepeatedly(PoolClient client, NodeId node) throws Exception {
        for (int i = 0; i < 5; i++) {
            CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> client.run(node, java.util.List.of("true")));
            assertThat(run.get(30, TimeUnit.SECONDS).exitCode()).as("run %d of true", i).contains(0);
        }
    }

    /** Sends one more FOLLOW of the job; false when the hub has hung up. */
    private static boolean followAgain(RawTlsClient client, JobId job, long requestId) {
        try {
            client.send(new JobMessage.Follow(requestId, job.toString()));
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    static JobId running(PoolClient client, NodeId node) {
        var jobs = client.jobs(new JobQuery(Optional.of(JobState.RUNNING), Optional.of(node), Optional.empty(), 10));
        assertThat(jobs).as("the chatty job runs on").hasSize(1);
        return jobs.getFirst().id();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
