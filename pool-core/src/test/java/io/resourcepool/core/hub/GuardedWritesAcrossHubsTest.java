package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.HubId;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.core.auth.EnvironmentVault;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.testkit.time.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub (hub-a, over real TLS, workers driven message by message) on a store that hub-b shares, which acts just before
 * hub-a's write, as if hub-a had been paused between what it checked and what it writes: hub-b takes the node whose jobs
 * hub-a gives up, or stores the start of a job hub-a is cancelling while it waits. The store writes nothing of
 * hub-a's change; hub-a leaves the job to hub-b, saying so (a give-up), or passes the cancel on to hub-b (a cancel), or
 * waits for hub-b's end of it (a failure of a job it could not place).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GuardedWritesAcrossHubsTest {
    private static final HubId HUB_A = HubId.of("hub-a");
    private static final HubId HUB_B = HubId.of("hub-b");
    private static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path dataDir;

    @TempDir
    Path workersDir;

    /** The shared database's time: it never moves here, so no lease or membership runs out by itself. */
    private final ClockedCoordination database = new ClockedCoordination(ManualClock.start());
    /** Every letter hub-b was sent so far, taken from its queue. */
    private final List<HubLetter> taken = new ArrayList<>();
    private SharedInMemoryStore store;
    private TlsHubFixture fixture;
    private PoolClient admin;

    @BeforeEach
    void startHubA() {
        fixture = TlsHubFixture.observed(dataDir, inner -> {
            store = new SharedInMemoryStore(inner, database);
            return HubObserver.NONE;
        }, c -> c.withHeartbeats(Duration.ofMillis(100), Duration.ofSeconds(15)), b -> b.store(store).hubId(HUB_A));
        admin = fixture.track(fixture.admin());
    }

    @AfterEach
    void stopHubA() throws Exception {
        fixture.close();
    }

    @Test
    void aJobLostUnderALeaseHubBTookMeanwhileIsLeftRunningToHubB() {
        RawWorker worker = worker("w1");
        JobMessage.Task task = submitTo(worker, JobSpec.of("sleep", "60"));
        store.beforeNextGuardedWrite(group -> takenByHubB(worker.node()));

        admin.admin().removeNode(worker.node());

        assertLeftToHubB(task);
        assertThat(admin.admin().audit("", "job.finished", 10)).isEmpty();
    }

    @Test
    void aJobRequeuedUnderALeaseHubBTookMeanwhileIsLeftRunningToHubB() {
        RawWorker worker = worker("w1");
        JobMessage.Task task = submitTo(worker, JobSpec.of("sleep", "60").withRetries(1));
        store.beforeNextGuardedWrite(group -> takenByHubB(worker.node()));

        admin.admin().removeNode(worker.node());

        assertLeftToHubB(task);
        assertThat(admin.admin().audit("", "job.requeued", 10)).isEmpty();
    }

    /**
     * A removed node's lease is released by hub-a itself, but only once the give-up written under it is: a release
     * first would make the store refuse hub-a's own give-up, and leave the job RUNNING with no hub driving it.
     */
    @Test
    void aJobGivenUpUnderTheLeaseHubAStillHoldsEndsLostBeforeTheLeaseIsReleased() {
        RawWorker worker = worker("w1");
        JobMessage.Task task = submitTo(worker, JobSpec.of("sleep", "60"));
        store.beforeNextGuardedWrite(group -> givenTimeToBeReleased(worker.node()));

        admin.admin().removeNode(worker.node());

        assertThat(stored(task).state()).isEqualTo(JobState.LOST);
        assertThat(admin.admin().audit("", "job.left-to-holder", 10)).isEmpty();
        await().atMost(Duration.ofSeconds(20)).until(() -> database.leases().holder(worker.node()).isEmpty());
    }

    /**
     * Hub-b stores the start of a job hub-a holds waiting just before hub-a's cancel is written: the store keeps the
     * start, and hub-a tells hub-b to cancel it (again after the refusal), so that it ends CANCELLED through its runner.
     */
    @Test
    void aCancelOfAWaitingJobThatHubBStartedMeanwhileGoesOnToHubB() {
        database.hubs().announce(HUB_B, "hub-b:7443", HOUR);
        JobId id = admin.submit(JobSpec.of("true"));
        // hub-a offers its waiting jobs to a hub it sees join: then it also sends hub-b its cancels
        await().atMost(Duration.ofSeconds(20)).until(() -> lettersForHubB().stream().anyMatch(l -> l.kind().equals(HubLetter.QUEUED)));
        Instant startedOnB = fixture.clock.instant();
        store.beforeNextGuardedWrite(group -> assertThat(store.jobs().markRunning(id, 1, NodeId.of("wb"), startedOnB)).isTrue());

        admin.cancel(id);

        JobRecord kept = store.jobs().find(id).orElseThrow();
        assertThat(kept.state()).isEqualTo(JobState.RUNNING);
        assertThat(kept.startedAt()).contains(startedOnB);
        // letters are posted by the hub's own thread: the second comes after the store refused the cancel
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(lettersForHubB())
                .filteredOn(l -> l.kind().equals(HubLetter.CANCEL)).hasSize(2).allSatisfy(letter -> assertThat(letter.job()).isEqualTo(id)));
        assertThat(admin.admin().audit("", "job.finished", 10)).isEmpty();
    }

    /**
     * A job whose environment does not open on hub-a (its key file was replaced) fails there as it is placed; hub-b,
     * holding the right key, stored its start just before that failure was written: the store keeps the start.
     */
    @Test
    void aFailureOfAWaitingJobThatHubBStartedMeanwhileIsNotWritten() throws Exception {
        JobId id = admin.submit(JobSpec.of("sh", "-c", "true").withEnvironment(Map.of("SECRET", "kept-sealed")));
        Files.delete(dataDir.resolve(EnvironmentVault.FILE_NAME));
        fixture.restartHub();
        admin = fixture.track(fixture.admin());
        AtomicBoolean startedOnB = new AtomicBoolean();
        store.beforeNextGuardedWrite(group -> startedOnB.set(store.jobs().markRunning(id, 1, NodeId.of("wb"), fixture.clock.instant())));

        worker("w1");

        await().atMost(Duration.ofSeconds(20)).until(() -> startedOnB.get() && fixture.hub.status().queuedJobs() == 0);
        assertThat(store.jobs().find(id).orElseThrow().state()).isEqualTo(JobState.RUNNING);
        assertThat(admin.admin().audit("", "job.finished", 10)).isEmpty();
    }

    private void assertLeftToHubB(JobMessage.Task task) {
        JobRecord kept = stored(task);
        assertThat(kept.state()).isEqualTo(JobState.RUNNING);
        assertThat(kept.attempt()).isEqualTo(1);
        assertThat(admin.admin().audit("", "job.left-to-holder", 10)).singleElement()
                .satisfies(row -> assertThat(row.detail()).contains("held by hub hub-b", "neither requeued nor lost here"));
        assertThat(fixture.hub.status().runningJobs()).isZero();
        assertThat(fixture.hub.status().queuedJobs()).isZero();
    }

    /** Lets a release of the node's lease that would come before the give-up is written come (it must not). */
    private void givenTimeToBeReleased(NodeId node) {
        try {
            await().atMost(Duration.ofSeconds(2)).until(() -> database.leases().holder(node).isEmpty());
        } catch (ConditionTimeoutException expected) {
            // the lease was kept for the give-up, as it should be
        }
    }

    /** Hub-b takes the node, as it may once hub-a's lease ran out while hub-a was paused. */
    private void takenByHubB(NodeId node) {
        database.leases().holder(node).ifPresent(lease -> database.leases().release(node, lease.holder(), lease.token()));
        assertThat(database.leases().acquire(node, HUB_B, HOUR)).isPresent();
    }

    private List<HubLetter> lettersForHubB() {
        database.handover().take(HUB_B, 100).stream().map(HubLetter::read).forEach(taken::add);
        return List.copyOf(taken);
    }

    private RawWorker worker(String name) {
        RawWorker worker = RawWorker.enrolled(fixture, admin, workersDir.resolve(name));
        worker.register();
        return worker;
    }

    private JobMessage.Task submitTo(RawWorker worker, JobSpec spec) {
        admin.submit(spec.withTarget(NodeSelector.named(worker.node())));
        JobMessage.Task task = worker.expectTask();
        await().atMost(Duration.ofSeconds(20)).until(() -> stored(task).state() == JobState.RUNNING);
        return task;
    }

    private JobRecord stored(JobMessage.Task task) {
        return store.jobs().find(JobId.parse(task.jobId())).orElseThrow();
    }
}
