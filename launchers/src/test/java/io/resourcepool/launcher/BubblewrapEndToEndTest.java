package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.client.RunResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs in the bubblewrap sandbox through a real hub and worker: no network unless the job asks for it, and a
 * worker that forbids the network refuses a job that asks; no write outside the work directory; none of the
 * worker's processes in sight.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BubblewrapEndToEndTest {
    private LivePool pool;
    private PoolClient admin;
    private NodeId open;
    private NodeId closed;

    @BeforeAll
    void startPoolWithTwoBubblewrapWorkers(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")), "bubblewrap is not installed; apt-get install bubblewrap to run these tests");
        // bwrap binds a job's work directory by its path as the unprivileged job user, who must be able to reach it
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        pool = new LivePool(dir, Map.of());
        open = pool.enrollWorker("open", "bubblewrap", Map.of());
        closed = pool.enrollWorker("closed", "bubblewrap", Map.of("allow-network", "false"));
        admin = pool.admin();
    }

    @AfterAll
    void stopPool() {
        if (pool != null) {
            admin.close();
            pool.close();
        }
    }

    @Test
    void aJobHasNoNetworkUnlessItAsksForIt() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            JobSpec connect = JobSpec.of("bash", "-c", "echo hello > /dev/tcp/127.0.0.1/" + ((InetSocketAddress) server.getLocalAddress()).getPort())
                    .withTarget(NodeSelector.named(open));

            RunResult without = admin.run(connect);
            RunResult with = admin.run(connect.withNetwork(true));

            assertThat(without.state()).isEqualTo(JobState.FAILED);
            assertThat(with.state()).as(with.stderr().asUtf8()).isEqualTo(JobState.SUCCEEDED);
            server.configureBlocking(false);
            assertThat(server.accept()).as("the one connection that got through").isNotNull();
            assertThat(server.accept()).isNull();
        }
    }

    @Test
    void aWorkerThatForbidsTheNetworkRefusesAJobThatAsksSayingWhy() {
        RunResult refused = admin.run(JobSpec.of("true").withNetwork(true).withTarget(NodeSelector.named(closed)));

        assertThat(refused.state()).isEqualTo(JobState.FAILED);
        assertThat(refused.reason()).contains("asks for the network", "worker.allow-network=false");
    }

    @Test
    void aJobCannotWriteOutsideItsWorkDirectoryNorSeeTheWorkersProcesses() {
        RunResult run = admin.run(JobSpec.of("sh", "-c", "touch /etc/pool-probe; echo etc=$?; ls /proc | grep -c '^[0-9]'")
                .withTarget(NodeSelector.named(open)));

        List<String> lines = run.stdout().asUtf8().lines().toList();
        assertThat(lines.get(0)).isEqualTo("etc=1");
        assertThat(Integer.parseInt(lines.get(1))).as("processes in sight").isLessThan(10);
        assertThat(Path.of("/etc/pool-probe")).doesNotExist();
    }
}
