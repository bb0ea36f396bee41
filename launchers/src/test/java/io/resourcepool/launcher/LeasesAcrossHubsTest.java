package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.HubId;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.HubCoordination;
import io.resourcepool.api.spi.store.HubMember;
import io.resourcepool.api.spi.store.NodeLease;
import io.resourcepool.api.spi.store.NodeLeases;
import io.resourcepool.core.client.AuditRow;
import io.resourcepool.core.client.JobInfo;
import io.resourcepool.core.client.NodeInfo;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.net.HubAddresses;
import io.resourcepool.launcher.hub.HubRuntime;
import io.resourcepool.launcher.worker.WorkerRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real hubs (TLS, real workers with the process sandbox) on one PostgreSQL schema, sharing their key files and CA
 * as an operator running several hubs gives them: a node is leased to the hub it registered with, another hub refuses
 * it naming that hub, a hub that closes in order releases its leases so that its workers join the other hub at once,
 * a starting hub leaves the running jobs of a node another live hub holds alone, and each hub is a live member while
 * it runs, and a hub drops a connected node another hub took while its lease was gone, and takes back one nobody took.
 * Skipped, saying how to run it, without PostgreSQL (and failed under {@code POOL_TEST_DATABASES=required}).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LeasesAcrossHubsTest {
    private static final HubId HUB_A = HubId.of("hub-a");
    private static final HubId HUB_B = HubId.of("hub-b");
    /** The node timeout of most tests here: short, so that a job outlasting it is quick to run. */
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(4);

    @TempDir
    Path dir;

    private HubsOnOneDatabase hubs;
    private LivePool poolA;
    private HubRuntime hubB;

    @AfterEach
    void stopAll() {
        if (hubs != null) {
            hubs.close();
        }
    }

    @Test
    void aNodeRegisteredOnOneHubIsRefusedByTheOtherNamingTheHubThatHoldsIt() throws Exception {
        startHubA(NODE_TIMEOUT);
        WorkerRuntime onA = poolA.startWorker("w1", plan -> plan);
        NodeId node = onA.worker().registered().get(60, TimeUnit.SECONDS);
        startHubB(NODE_TIMEOUT);

        // the same identity (the same data directory, key and certificate) dialling hub B only
        poolA.startWorker("w1", plan -> plan.withHubs(HubAddresses.of(hubB.address())));

        try (PoolClient adminB = admin(hubB); PoolClient adminA = poolA.admin()) {
            AuditRow refusal = await("hub B refusing the node").atMost(Duration.ofSeconds(30))
                    .until(() -> adminB.admin().audit("", "node.lease-refused", 10).stream().filter(r -> r.target().equals(node.value()))
                            .findFirst(), Optional::isPresent).orElseThrow();
            assertThat(refusal.detail()).contains("held by hub " + HUB_A).contains("joins here once that hub's lease on it ends");
            assertThat(adminA.nodes()).filteredOn(n -> n.id().equals(node)).extracting(NodeInfo::online).containsExactly(true);
            assertThat(hubB.hub().status().connectedNodes()).as("nodes connected to hub B").isZero();
            // the pool's view at hub B: online, as hub A holds it and stores its heartbeats
            assertThat(adminB.nodes()).filteredOn(n -> n.id().equals(node)).extracting(NodeInfo::online).containsExactly(true);
        }
        assertThat(onA.worker().stopped()).as("the worker on A, still serving").isNotDone();
    }

    @Test
    void aWorkerOfAHubThatClosesInOrderIsOnlineOnTheOtherHubWithoutARestartAndItsRunningJobEndsThere() throws Exception {
        // long enough that a lease left to run out (not released) would keep the worker off hub B past the wait below
        Duration nodeTimeout = Duration.ofSeconds(12);
        startHubA(nodeTimeout);
        startHubB(nodeTimeout);
        WorkerRuntime worker = poolA.startWorker("w1", plan -> plan.withHubs(new HubAddresses(List.of(poolA.hub.address(), hubB.address()))));
        NodeId node = worker.worker().registered().get(60, TimeUnit.SECONDS);
        JobId running;
        try (PoolClient adminA = poolA.admin()) {
            running = adminA.submit(JobSpec.of("sh", "-c", "sleep 3; echo done"));
            LivePool.awaitJob(adminA, running, Duration.ofSeconds(30), job -> job.state() == JobState.RUNNING);
        }

        hubs.closeFirstHub();

        try (PoolClient adminB = admin(hubB)) {
            await("the worker online on hub B").atMost(nodeTimeout.dividedBy(2))
                    .until(() -> adminB.nodes().stream().anyMatch(n -> n.id().equals(node) && n.online()));
            // hub B takes up the job the worker reports, as hub A would have after a restart
            JobInfo ended = LivePool.awaitJob(adminB, running, Duration.ofSeconds(30), job -> job.state().isFinal());
            assertThat(ended.state()).as(ended.toString()).isEqualTo(JobState.SUCCEEDED);
            assertThat(ended.attempt()).isEqualTo(1);
            assertThat(ended.outputTail().asUtf8()).contains("done");
        }
        assertThat(worker.worker().stopped()).as("the same worker, never restarted").isNotDone();
    }

    @Test
    void theLeaseOfANodeThatWentAwayIsKeptUntilItsGraceEndsThenReleased() throws Exception {
        startHubA(NODE_TIMEOUT);
        WorkerRuntime worker = poolA.startWorker("w1", plan -> plan);
        NodeId node = worker.worker().registered().get(60, TimeUnit.SECONDS);
        NodeLeases leases = poolA.hub.store().coordination().orElseThrow().leases();
        assertThat(leases.holder(node)).map(NodeLease::holder).contains(HUB_A);

        worker.close();

        assertThat(leases.holder(node)).as("kept while the node may come back").map(NodeLease::holder).contains(HUB_A);
        // renewed by hub A every heartbeat interval until then: without the release it would never end
        await("the lease released").atMost(NODE_TIMEOUT.multipliedBy(3)).until(() -> leases.holder(node).isEmpty());
    }

    @Test
    void aConnectedNodeWhoseLeaseWasFreedIsTakenAgainAndOneAnotherHubTookIsDropped() throws Exception {
        startHubA(NODE_TIMEOUT);
        WorkerRuntime worker = poolA.startWorker("w1", plan -> plan);
        NodeId node = worker.worker().registered().get(60, TimeUnit.SECONDS);
        NodeLeases leases = poolA.hub.store().coordination().orElseThrow().leases();
        NodeLease first = leases.holder(node).orElseThrow();

        // the lease gone behind hub A's back, as when it runs out while A is paused: A takes it again at its next round
        assertThat(leases.release(node, HUB_A, first.token())).isTrue();
        NodeLease again = await("hub A holding the node again").atMost(NODE_TIMEOUT)
                .until(() -> leases.holder(node), Optional::isPresent).orElseThrow();
        assertThat(again.holder()).isEqualTo(HUB_A);
        assertThat(again.token()).isGreaterThan(first.token());

        // now another hub takes it the moment A's lease is gone: A drops the node
        HubId other = HubId.of("hub-c");
        await("hub C taking the node").atMost(NODE_TIMEOUT).until(() -> {
            leases.holder(node).filter(l -> l.holder().equals(HUB_A)).ifPresent(l -> leases.release(node, HUB_A, l.token()));
            return leases.acquire(node, other, Duration.ofMinutes(2));
        }, Optional::isPresent);
        try (PoolClient adminA = poolA.admin()) {
            assertThat(adminA.admin().audit("", "node.lease-lost", 10)).as("before it was taken").isEmpty();
            AuditRow lost = await("hub A dropping the node").atMost(NODE_TIMEOUT)
                    .until(() -> adminA.admin().audit("", "node.lease-lost", 10), rows -> !rows.isEmpty()).getFirst();
            assertThat(lost.target()).isEqualTo(node.value());
            assertThat(lost.detail()).contains("held by hub " + other);
            // the worker reconnects at once, and is refused while hub C holds it
            await("the worker refused by hub A").atMost(NODE_TIMEOUT)
                    .until(() -> adminA.admin().audit("", "node.lease-refused", 10).stream().anyMatch(r -> r.target().equals(node.value())));
            assertThat(adminA.nodes()).noneMatch(n -> n.id().equals(node) && n.online());
            assertThat(adminA.admin().audit("", "node.lease-lost", 10)).as("dropped once").hasSize(1);
        }
        assertThat(leases.holder(node)).map(NodeLease::holder).contains(other);
    }

    @Test
    void aHubStartedWhileAnotherRunsAJobLeavesThatJobToIt() throws Exception {
        startHubA(NODE_TIMEOUT);
        poolA.startWorker("w1", plan -> plan).worker().registered().get(60, TimeUnit.SECONDS);
        try (PoolClient adminA = poolA.admin()) {
            // runs well past hub B's node timeout: a hub B that took the job as its own would have given it up by then
            JobId id = adminA.submit(JobSpec.of("sh", "-c", "sleep " + NODE_TIMEOUT.multipliedBy(2).toSeconds() + "; echo done"));
            LivePool.awaitJob(adminA, id, Duration.ofSeconds(30), job -> job.state() == JobState.RUNNING);

            startHubB(NODE_TIMEOUT);

            JobInfo ended = LivePool.awaitJob(adminA, id, Duration.ofSeconds(60), job -> job.state().isFinal());
            assertThat(ended.state()).as(ended.toString()).isEqualTo(JobState.SUCCEEDED);
            try (PoolClient adminB = admin(hubB)) {
                JobInfo onB = adminB.job(id);
                assertThat(onB.state()).isEqualTo(JobState.SUCCEEDED);
                assertThat(onB.attempt()).as("never requeued").isEqualTo(1);
                assertThat(adminB.admin().audit("", "job.", 100)).filteredOn(r -> r.target().equals(id.toString()))
                        .extracting(AuditRow::action).doesNotContain("job.requeued", "job.lost");
            }
        }
    }

    @Test
    void eachHubIsLiveWhileItRunsAndAClosedHubIsNot() {
        startHubA(NODE_TIMEOUT);
        startHubB(NODE_TIMEOUT);
        HubCoordination coordination = poolA.hub.store().coordination().orElseThrow();

        assertThat(coordination.hubs().live()).extracting(HubMember::hub).containsExactly(HUB_A, HUB_B);
        assertThat(coordination.hubs().live()).extracting(HubMember::clientAddress)
                .containsExactly(HubAddresses.written(poolA.hub.address()), HubAddresses.written(hubB.address()));

        hubs.close(hubB);
        assertThat(coordination.hubs().live()).extracting(HubMember::hub).containsExactly(HUB_A);
    }

    private void startHubA(Duration nodeTimeout) {
        hubs = new HubsOnOneDatabase(dir);
        poolA = hubs.first(HUB_A, nodeTimeout);
    }

    /** Hub B on its own copy of hub A's data directory (keys and CA), on the same schema. */
    private void startHubB(Duration nodeTimeout) {
        hubB = hubs.another(HUB_B, nodeTimeout);
    }

    private PoolClient admin(HubRuntime hub) {
        return hubs.admin(hub);
    }
}
