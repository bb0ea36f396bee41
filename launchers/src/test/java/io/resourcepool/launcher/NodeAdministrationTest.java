package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.PoolException;
import io.resourcepool.core.client.JobInfo;
import io.resourcepool.core.client.NodeInfo;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.client.RunResult;
import io.resourcepool.launcher.worker.WorkerRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Removing and draining nodes of a real pool over TLS, with real workers that run real processes. */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NodeAdministrationTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private LivePool pool;
    private PoolClient admin;

    @BeforeEach
    void startPool(@TempDir Path dir) {
        pool = new LivePool(dir, Map.of());
        admin = pool.admin();
    }

    @AfterEach
    void stopPool() {
        admin.close();
        pool.close();
    }

    @Test
    void aRemovedNodeLosesItsJobsLeavesTheListIsRefusedOnReconnectAndItsWorkerStops() throws Exception {
        WorkerRuntime doomed = pool.startWorker("doomed", pool.joinToken(Duration.ofMinutes(5)).token());
        NodeId gone = doomed.worker().registered().get(30, TimeUnit.SECONDS);
        NodeId stays = pool.enrollWorker("stays");
        JobId running = admin.submit(JobSpec.of("sh", "-c", "echo started; sleep 30").withTarget(NodeSelector.named(gone)));
        awaitJob(running, j -> j.state() == JobState.RUNNING && j.outputTail().asUtf8().equals("started\n"));

        admin.admin().removeNode(gone);

        assertThat(admin.job(running).state()).isEqualTo(JobState.LOST);
        assertThat(admin.nodes()).extracting(NodeInfo::id).containsExactly(stays);
        assertThatThrownBy(() -> doomed.worker().stopped().get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(AuthenticationException.class).hasMessageContaining("node " + gone + " was removed", "revoked");
        assertThat(admin.nodes()).extracting(NodeInfo::id).containsExactly(stays);
        assertThat(admin.run(stays, java.util.List.of("echo", "still served")).stdout().asUtf8()).isEqualTo("still served\n");
        assertThat(admin.admin().audit("admin", "node.removed", 5)).singleElement().satisfies(row -> {
            assertThat(row.target()).isEqualTo(gone.value());
            assertThat(row.sourceAddress()).contains("127.0.0.1");
        });
    }

    @Test
    void aDrainedNodeTakesNoNewWorkAndRefusesNamedJobsUntilUndrained() throws Exception {
        NodeId drained = pool.enrollWorker("drained");
        NodeId busy = pool.enrollWorker("busy");

        admin.admin().drain(drained, true);

        assertThat(admin.nodes()).filteredOn(n -> n.id().equals(drained)).singleElement().extracting(NodeInfo::drained).isEqualTo(true);
        for (int i = 0; i < 6; i++) {
            assertThat(admin.run(JobSpec.of("true")).node()).contains(busy);
        }
        assertThatThrownBy(() -> admin.run(JobSpec.of("true").withTarget(NodeSelector.named(drained))))
                .isInstanceOf(PoolException.class).hasMessageContaining("node " + drained + " is drained");

        admin.admin().drain(drained, false);

        assertThat(admin.nodes()).allSatisfy(n -> assertThat(n.drained()).isFalse());
        RunResult named = admin.run(JobSpec.of("echo", "back").withTarget(NodeSelector.named(drained)));
        assertThat(named.node()).contains(drained);
        assertThat(named.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(admin.admin().audit("admin", "node.", 10)).extracting(r -> r.action() + " " + r.target())
                .containsExactly("node.undrained " + drained, "node.drained " + drained);
    }

    @Test
    void aRevokedJoinTokenCannotEnrollAndTheListingNeverShowsATokenItself() throws Exception {
        var grant = pool.joinToken(Duration.ofMinutes(5));

        admin.admin().revokeJoinToken(grant.id());

        assertThat(admin.admin().joinTokens()).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo(grant.id());
            assertThat(t.revoked()).isTrue();
            assertThat(t.toString()).doesNotContain(grant.token().reveal());
        });
        WorkerRuntime refused = pool.startWorker("refused", grant.token());
        assertThatThrownBy(() -> refused.worker().registered().get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("revoked");
        assertThat(admin.nodes()).isEmpty();
    }

    private JobInfo awaitJob(JobId id, Predicate<JobInfo> condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            JobInfo job = admin.job(id);
            if (condition.test(job)) {
                return job;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + id + " did not reach the expected state within " + PATIENCE + "; last seen " + job);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
