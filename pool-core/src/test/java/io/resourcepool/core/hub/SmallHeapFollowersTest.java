package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.transport.FrameLimits;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.protocol.AuthMessage;
import io.resourcepool.core.protocol.JobMessage;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory a hub spends on followers that stop reading is bounded by the follower buffer, not by what the job
 * prints: in a JVM with a small heap ({@code -Xmx96m}, the {@code small-heap} execution of pool-core's tests), a hub,
 * a real worker and a job printing without end for 20 s, followed by raw TLS clients that never read and in-process
 * clients that stop in the middle of a chunk. The buffered output, sampled all along, never passes followers ×
 * {@code hub.follower-buffer}; no thread runs out of memory; the hub answers and runs other jobs all the while.
 */
@Tag("small-heap")
class SmallHeapFollowersTest {
    private static final long BUFFER = RelayLimits.DEFAULTS.followerBufferBytes();
    private static final int NEVER_READING = 4;
    private static final int PAUSED = 3;
    private static final Duration FOLLOWED_FOR = Duration.ofSeconds(20);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void followersThatStopReadingCostNoMoreThanTheirBuffersWhileAJobPrintsWithoutEnd() throws Exception {
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
        CountDownLatch resume = new CountDownLatch(1);
        // the write deadline outlasts the test: the stalled connections stay stuck, the worst case for memory
        try (TlsHubFixture pool = TlsHubFixture.tuned(dir.resolve("hub"), tls -> tls.withLimits(FrameLimits.DEFAULT.withWriteDeadline(PATIENCE)),
                config -> config.withRelay(RelayLimits.DEFAULTS)); RealWorkers workers = new RealWorkers()) {
            NodeId node = workers.start(pool, dir.resolve("w1"), "w1");
            PoolClient other = pool.track(pool.admin());
            JobId job = other.submit(SlowFollowersTest.chatty(node));
            await().atMost(PATIENCE).until(() -> other.job(job).state() == JobState.RUNNING);

            IntStream.range(0, NEVER_READING).forEach(i -> followWithoutReading(pool, job, i));
            IntStream.range(0, PAUSED).forEach(i -> followAndPause(pool, job, resume, i));
            long bound = (NEVER_READING + PAUSED) * BUFFER;

            Sampler sampled = sample(pool, other, node);

            assertThat(sampled.maxBufferedBytes).as("output buffered for %d followers of %d bytes each", NEVER_READING + PAUSED, BUFFER)
                    .isLessThanOrEqualTo(bound + 64 * 1024);
            assertThat(pool.hub.status().followersDropped()).as("every follower fell behind and was dropped").isGreaterThanOrEqualTo(NEVER_READING + PAUSED);
            assertThat(uncaught).as("no thread died, of running out of memory or anything else").isEmpty();
            System.out.printf("small heap (max %d MiB): buffered at most %d bytes (bound %d), heap used at most %d MiB, %d runs of true"
                    + " took at most %d ms%n", Runtime.getRuntime().maxMemory() >> 20, sampled.maxBufferedBytes, bound,
                    sampled.maxHeapBytes >> 20, sampled.runs, sampled.slowestRun.toMillis());

            resume.countDown();
            other.cancel(job);
            await().atMost(PATIENCE).until(() -> other.job(job).state() == JobState.CANCELLED);
        } finally {
            resume.countDown();
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }

    /**
     * Samples the buffered output and the heap every 100 ms while the followers stall, pinging the hub each time and
     * running {@code true} on the node one run after another: each must answer well within its patience.
     */
    private static Sampler sample(TlsHubFixture pool, PoolClient other, NodeId node) throws Exception {
        Sampler sampler = new Sampler(pool, other, node);
        long end = System.nanoTime() + FOLLOWED_FOR.toNanos();
        await().atMost(FOLLOWED_FOR.plus(PATIENCE)).pollInterval(Duration.ofMillis(100)).until(() -> {
            sampler.sample();
            return System.nanoTime() >= end;
        });
        sampler.finish();
        return sampler;
    }

    /** What the sampling saw. */
    private static final class Sampler {
        private final TlsHubFixture pool;
        private final PoolClient other;
        private final NodeId node;
        private long maxBufferedBytes;
        private long maxHeapBytes;
        private int runs;
        private Duration slowestRun = Duration.ZERO;
        private CompletableFuture<Duration> run = CompletableFuture.completedFuture(Duration.ZERO);

        Sampler(TlsHubFixture pool, PoolClient other, NodeId node) {
            this.pool = pool;
            this.other = other;
            this.node = node;
        }

        void sample() throws Exception {
            maxBufferedBytes = Math.max(maxBufferedBytes, pool.hub.status().outputBufferedBytes());
            maxHeapBytes = Math.max(maxHeapBytes, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            other.ping();
            if (run.isDone()) {
                finish();
                run = CompletableFuture.supplyAsync(() -> timedRunOfTrue(other, node));
            }
        }

        void finish() throws Exception {
            Duration took = run.get(30, TimeUnit.SECONDS);
            slowestRun = took.compareTo(slowestRun) > 0 ? took : slowestRun;
            runs += took.isZero() ? 0 : 1;
        }
    }

    private static Duration timedRunOfTrue(PoolClient client, NodeId node) {
        long started = System.nanoTime();
        assertThat(client.run(node, List.of("true")).exitCode()).contains(0);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** A raw TLS client with a small receive buffer that logs in, follows the job, and never reads again. */
    private static void followWithoutReading(TlsHubFixture pool, JobId job, int i) {
        RawTlsClient stalled = pool.rawWithSmallReceiveBuffer();
        stalled.hello("client");
        stalled.send(new AuthMessage.Login(1, "admin", TlsHubFixture.ADMIN_PASSWORD.reveal(), ""));
        stalled.expect(AuthMessage.AuthOk.class);
        stalled.send(new JobMessage.Follow(2, job.toString()));
    }

    /** An in-process client that follows the job and stops in its first chunk, holding its connection's reader, until told. */
    private static void followAndPause(TlsHubFixture pool, JobId job, CountDownLatch resume, int i) {
        PoolClient paused = pool.track(PoolClient.over(pool.hub.connectInProcess("127.0.0.1:" + (40000 + i)), pool.hub.maxFrameBytes()))
                .login("admin", TlsHubFixture.ADMIN_PASSWORD);
        Thread.ofVirtual().name("paused-follower-" + i).start(() -> {
            try {
                paused.relay(job, (channel, chunk) -> awaitQuietly(resume));
            } catch (RuntimeException e) {
                // dropped, or closed at the end of the test: either is expected here
            }
        });
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
