package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.ResourceRequest;
import io.resourcepool.core.client.JobInfo;
import io.resourcepool.core.client.NodeInfo;
import io.resourcepool.core.client.PoolClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where jobs go in a real pool (real TLS, SQLite, OSHI, processes): each scheduling policy, chosen by
 * configuration, places the same jobs its own way; and a job that fits nowhere now waits, QUEUED, until a node
 * that fits joins or one frees up.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JobPlacementTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void aQueuedJobStartsWhenANodeItFitsJoins(@TempDir Path dir) throws Exception {
        try (LivePool pool = new LivePool(dir, Map.of()); PoolClient admin = pool.admin()) {
            pool.enrollWorker("first");
            JobId waiting = admin.submit(JobSpec.of("echo", "placed").withTarget(NodeSelector.labelled(Map.of("name", "second"))));
            assertThat(admin.job(waiting).state()).isEqualTo(JobState.QUEUED);

            NodeId second = pool.enrollWorker("second");

            JobInfo done = LivePool.awaitJob(admin, waiting, PATIENCE, job -> job.state().isFinal());
            assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(done.node()).contains(second);
            assertThat(done.outputTail().asUtf8()).isEqualTo("placed\n");
        }
    }

    @Test
    void aJobClaimingMoreThanIsFreeWaitsUntilTheNodeFreesUp(@TempDir Path dir) throws Exception {
        try (LivePool pool = new LivePool(dir, Map.of()); PoolClient admin = pool.admin()) {
            NodeId node = pool.enrollWorker("only");
            int cpus = (int) admin.nodes().getFirst().resources().logicalCpus();
            JobSpec wholeNode = JobSpec.of("sleep", "2").withResources(new ResourceRequest(cpus, 0));
            JobId first = admin.submit(wholeNode);
            LivePool.awaitJob(admin, first, PATIENCE, job -> job.state() == JobState.RUNNING);

            JobId second = admin.submit(wholeNode);

            assertThat(admin.job(second).state()).as("no room on " + node + " while the first runs").isEqualTo(JobState.QUEUED);
            JobInfo firstDone = LivePool.awaitJob(admin, first, PATIENCE, job -> job.state().isFinal());
            JobInfo secondDone = LivePool.awaitJob(admin, second, PATIENCE, job -> job.state().isFinal());
            assertThat(secondDone.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(secondDone.startedAt().orElseThrow()).isAfterOrEqualTo(firstDone.finishedAt().orElseThrow());
        }
    }

    @Test
    void roundRobinTakesTurns(@TempDir Path dir) throws Exception {
        assertThat(placementOfTwoOneCpuJobs(dir, "round-robin")).doesNotHaveDuplicates();
    }

    @Test
    void leastLoadedSpreadsTheWork(@TempDir Path dir) throws Exception {
        assertThat(placementOfTwoOneCpuJobs(dir, "least-loaded")).doesNotHaveDuplicates();
    }

    @Test
    void binPackFillsOneNodeBeforeTheNext(@TempDir Path dir) throws Exception {
        List<NodeId> placed = placementOfTwoOneCpuJobs(dir, "bin-pack");
        assertThat(placed.get(1)).isEqualTo(placed.get(0));
    }

    /** Two workers, then two jobs that claim one processor each and run until both are placed: where did they go? */
    private static List<NodeId> placementOfTwoOneCpuJobs(Path dir, String scheduler) throws Exception {
        try (LivePool pool = new LivePool(dir, Map.of("scheduler.type", scheduler)); PoolClient admin = pool.admin()) {
            pool.enrollWorker("a");
            pool.enrollWorker("b");
            awaitNodes(admin, nodes -> nodes.size() == 2 && nodes.stream().allMatch(n -> n.resources().logicalCpus() >= 2));
            JobSpec oneCpu = JobSpec.of("sleep", "3").withResources(new ResourceRequest(1, 0));
            JobId first = admin.submit(oneCpu);
            NodeId firstNode = LivePool.awaitJob(admin, first, PATIENCE, job -> job.node().isPresent()).node().orElseThrow();
            JobId second = admin.submit(oneCpu);
            NodeId secondNode = LivePool.awaitJob(admin, second, PATIENCE, job -> job.node().isPresent()).node().orElseThrow();
            admin.cancel(first);
            admin.cancel(second);
            return List.of(firstNode, secondNode);
        }
    }

    private static void awaitNodes(PoolClient admin, Predicate<List<NodeInfo>> condition) {
        org.awaitility.Awaitility.await().atMost(PATIENCE).until(admin::nodes, condition::test);
    }
}
