package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.HubId;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.core.client.JobInfo;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.client.RunResult;
import io.resourcepool.core.net.HubAddresses;
import io.resourcepool.launcher.hub.HubRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs across two real hubs on one PostgreSQL schema: a job submitted on the hub that has no worker for it runs on a
 * worker connected to the other, and its submitter hears its output and end as from a local job; a follower and a
 * cancel on one hub reach a job the other drives; a job naming a node of the other hub runs there. Skipped, saying how
 * to run it, without PostgreSQL (and failed under {@code POOL_TEST_DATABASES=required}).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JobsAcrossHubsTest {
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(6);

    @TempDir
    Path dir;

    private HubsOnOneDatabase hubs;
    private LivePool poolA;
    private HubRuntime hubB;

    @BeforeEach
    void startHubs() {
        hubs = new HubsOnOneDatabase(dir);
        poolA = hubs.first(HubId.of("hub-a"), NODE_TIMEOUT);
        hubB = hubs.another(HubId.of("hub-b"), NODE_TIMEOUT);
    }

    @AfterEach
    void stopHubs() {
        if (hubs != null) {
            hubs.close();
        }
    }

    @Test
    void aJobSubmittedWhereNoWorkerFitsRunsOnTheOtherHubsWorkerAndItsSubmitterHearsOutputAndEnd() throws Exception {
        NodeId onB = workerOnB("w1");

        try (PoolClient clientA = poolA.admin()) {
            RunResult result = clientA.run(JobSpec.of("sh", "-c", "echo from-the-other-hub; echo oops >&2; exit 3"));

            assertThat(clientA.job(result.job()).node()).contains(onB);
            assertThat(result.state()).isEqualTo(JobState.FAILED);
            assertThat(result.exitCode()).contains(3);
            assertThat(result.stdout().asUtf8()).isEqualTo("from-the-other-hub\n");
            assertThat(result.stderr().asUtf8()).isEqualTo("oops\n");
            assertThat(clientA.job(result.job()).attempt()).as("started once").isEqualTo(1);
        }
    }

    @Test
    void aJobTheOtherHubRunsIsCancelledFromThisOne() throws Exception {
        workerOnB("w1");
        try (PoolClient clientA = poolA.admin()) {
            JobId id = clientA.submit(JobSpec.of("sleep", "120"));
            LivePool.awaitJob(clientA, id, Duration.ofSeconds(30), job -> job.state() == JobState.RUNNING);

            clientA.cancel(id);

            JobInfo ended = LivePool.awaitJob(clientA, id, Duration.ofSeconds(30), job -> job.state().isFinal());
            assertThat(ended.state()).as(ended.toString()).isEqualTo(JobState.CANCELLED);
        }
    }

    @Test
    void aJobRunningOnOneHubIsFollowedFromTheOther() throws Exception {
        workerOnB("w1");
        try (PoolClient clientB = hubs.admin(hubB); PoolClient clientA = poolA.admin()) {
            JobId id = clientB.submit(JobSpec.of("sh", "-c", "echo one; sleep 2; echo two"));
            LivePool.awaitJob(clientB, id, Duration.ofSeconds(30), job -> job.state() == JobState.RUNNING);

            RunResult followed = clientA.follow(id, (channel, chunk) -> { });

            assertThat(followed.state()).isEqualTo(JobState.SUCCEEDED);
            assertThat(followed.stdout().asUtf8()).isEqualTo("one\ntwo\n");
        }
    }

    @Test
    void aJobNamingANodeOfTheOtherHubRunsThere() throws Exception {
        NodeId onA = poolA.startWorker("wa", plan -> plan).worker().registered().get(60, TimeUnit.SECONDS);
        NodeId onB = workerOnB("wb");
        try (PoolClient clientA = poolA.admin()) {
            RunResult there = clientA.run(JobSpec.of("echo", "named").withTarget(NodeSelector.named(onB)));
            RunResult here = clientA.run(JobSpec.of("echo", "here").withTarget(NodeSelector.named(onA)));

            assertThat(clientA.job(there.job()).node()).contains(onB);
            assertThat(there.stdout().asUtf8()).isEqualTo("named\n");
            assertThat(clientA.job(here.job()).node()).contains(onA);
        }
    }

    /** A worker enrolled with a join token of hub A (the tokens are shared) that dials hub B only. */
    private NodeId workerOnB(String name) throws Exception {
        return poolA.startWorker(name, plan -> plan.withHubs(HubAddresses.of(hubB.address()))).worker().registered().get(60, TimeUnit.SECONDS);
    }
}
