package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.TransportException;
import io.resourcepool.core.client.NodeInfo;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.net.HubAddresses;
import io.resourcepool.launcher.PoolCli.Outcome;
import io.resourcepool.launcher.client.SavedSession;
import io.resourcepool.launcher.hub.HubRuntime;
import io.resourcepool.launcher.worker.WorkerRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers and clients given several hub addresses, against real hubs on a SQLite data directory over TLS: a worker
 * whose hub stops finds the next one of its list, started on another port on the same data, without a restart; a
 * client whose first hub is dead runs its commands on the next, and its saved session keeps the whole list.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HubFailoverTest {
    /** The hubs' node timeout here: the longest a worker may stay away before the hub gives its work up. */
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(10);
    private static final Map<String, String> SETTINGS = Map.of("hub.node-timeout", NODE_TIMEOUT.toSeconds() + "s");

    @TempDir
    Path dir;

    private LivePool pool;
    private boolean firstHubStopped;
    private HubRuntime secondHub;

    @AfterEach
    void stopAll() {
        if (secondHub != null) {
            secondHub.close();
        }
        if (firstHubStopped) {
            pool.workers.forEach(WorkerRuntime::close);
            pool.clientTransport.close();
        } else if (pool != null) {
            pool.close();
        }
    }

    @Test
    void aWorkerWhoseHubStopsJoinsTheNextHubOfItsListOnTheSameDataWithoutARestart() throws Exception {
        pool = new LivePool(dir, SETTINGS);
        InetSocketAddress next = freeLoopbackAddress();
        WorkerRuntime worker = pool.startWorker("w1", plan -> plan.withHubs(new HubAddresses(List.of(pool.hub.address(), next))));
        NodeId node = worker.worker().registered().get(60, TimeUnit.SECONDS);

        pool.hub.close();
        firstHubStopped = true;
        secondHub = startSecondHub(next);

        try (PoolClient admin = PoolClient.connect(pool.clientTransport, secondHub.address()).login("admin", LivePool.ADMIN_PASSWORD)) {
            await("the worker online on the second hub").atMost(NODE_TIMEOUT)
                    .until(() -> admin.nodes().stream().anyMatch(n -> n.id().equals(node) && n.online()));
            assertThat(admin.nodes()).extracting(NodeInfo::id).containsExactly(node);
        }
        assertThat(worker.worker().stopped()).as("the same worker, never restarted").isNotDone();
    }

    @Test
    void aClientWhoseFirstHubIsDeadLogsInRunsACommandAndSavesTheWholeList() throws Exception {
        pool = new LivePool(dir, SETTINGS);
        NodeId node = pool.enrollWorker("w1");
        PoolCli cli = new PoolCli(pool, dir);
        String hubs = HubAddresses.written(freeLoopbackAddress()) + "," + HubAddresses.written(pool.hub.address());

        Outcome login = cli.run("login", "--hub", hubs, "--ca-fingerprint", pool.hub.caFingerprint(), "--user", "admin",
                "--password-file", cli.secretFile(LivePool.ADMIN_PASSWORD.reveal()).toString());
        Outcome nodes = cli.run("nodes");

        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(SavedSession.read(dir.resolve("session-admin")).orElseThrow().hub()).isEqualTo(hubs);
        assertThat(nodes.exitCode()).as(nodes.toString()).isZero();
        assertThat(nodes.out()).contains(node.value());
    }

    /**
     * The second hub, on the first one's data and CA. The worker dialling its port meanwhile may for a moment hold that
     * port itself (a connection to a free port of the ephemeral range can be given it as its own), so binding is tried
     * again until that connection has failed and gone.
     */
    private HubRuntime startSecondHub(InetSocketAddress address) {
        Map<String, String> settings = Map.of("hub.bind", HubAddresses.written(address), "hub.node-timeout", NODE_TIMEOUT.toSeconds() + "s");
        return await("the second hub started").atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(TransportException.class)
                .until(() -> HubRuntime.start(LivePool.hubSettings(dir, settings), Optional.empty()), started -> true);
    }

    /** A loopback port that was free a moment ago: nothing listens there until a hub binds it. */
    private static InetSocketAddress freeLoopbackAddress() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            return new InetSocketAddress(socket.getInetAddress(), socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
