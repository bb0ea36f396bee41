package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.BusyException;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.core.client.JobInfo;
import io.resourcepool.core.client.NodeInfo;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.testkit.net.TcpFaultProxy;
import io.resourcepool.testkit.store.TestDatabase;
import io.resourcepool.testkit.store.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hub on the jdbc store whose database restarts (every connection reset, new ones refused) or goes silent (a
 * network that swallows packets), on PostgreSQL and on MariaDB, through a fault proxy in front of the real server:
 * a job running meanwhile finishes, and its result lands once the database is back, exactly once; a submit
 * meanwhile is refused promptly with an error that names the store, and so are another client's request and
 * {@code pool status}; the hub recovers by itself and its node stays online. Skipped, saying how to run it, where a server is not running (and failed under
 * {@code POOL_TEST_DATABASES=required}).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DatabaseFaultsTest {
    /** Short store timeouts, so that the test sees the refusal and the recovery quickly; the defaults are longer. */
    private static final Map<String, String> STORE_TIMEOUTS = Map.of("store.connect-timeout", "2s", "store.socket-timeout", "3s");
    /** Longer than the store takes to give up on a call, so that the job ends while the store is away. */
    private static final Duration AWAY = Duration.ofSeconds(6);

    enum Fault { RESTART, BLACKHOLE }

    static Stream<Arguments> faults() {
        return Stream.of(TestServer.values()).flatMap(server -> Stream.of(Fault.values()).map(fault -> Arguments.of(server, fault)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("faults")
    void aJobRunningThroughAnOutageLandsOnceAndTheHubRecoversByItself(TestServer server, Fault fault, @TempDir Path dir) throws Exception {
        try (TestDatabase database = server.createDatabase(); TcpFaultProxy proxy = TcpFaultProxy.start(database.serverAddress());
                LivePool pool = new LivePool(dir, settings(server, database, proxy))) {
            NodeId node = pool.enrollWorker("steady");
            PoolCli cli = new PoolCli(pool, java.nio.file.Files.createDirectories(dir.resolve("cli")));
            cli.login("admin", LivePool.ADMIN_PASSWORD.reveal());
            try (PoolClient admin = pool.admin(); PoolClient other = pool.admin()) {
                JobId running = admin.submit(JobSpec.of("sh", "-c", "sleep 2; echo finished-while-away"));
                LivePool.awaitJob(admin, running, Duration.ofSeconds(30), job -> job.state() == JobState.RUNNING);

                inject(proxy, fault);
                long refusedIn = timed(() -> assertThatThrownBy(() -> admin.submit(JobSpec.of("echo", "refused")))
                        .isInstanceOf(BusyException.class)
                        .hasMessageContaining("store is unreachable")
                        .hasMessageContaining(String.valueOf(proxy.port()))
                        .hasMessageContaining("retry later"));
                long otherRefusedIn = timed(() -> assertThatThrownBy(other::nodes).isInstanceOf(BusyException.class)
                        .hasMessageContaining("store is unreachable"));
                PoolCli.Outcome status = cli.run("status");
                assertThat(status.exitCode()).as(status.toString()).isNotZero();
                assertThat(status.err()).as(status.toString()).contains("store is unreachable").contains("retry later");
                // the store stays away this long, as the hub counts it, while the job ends on the worker
                await().atMost(AWAY.multipliedBy(5)).until(() -> pool.hub.hub().status().storeUnreachableSeconds() >= AWAY.toSeconds());
                proxy.heal();
                long healed = System.nanoTime();

                JobInfo landed = awaitEnd(admin, running);
                long recoveredIn = (System.nanoTime() - healed) / 1_000_000;
                assertThat(landed.state()).isEqualTo(JobState.SUCCEEDED);
                assertThat(landed.outputTail().asUtf8()).contains("finished-while-away");
                assertThat(database.queryNumber("SELECT COUNT(*) FROM audit_log WHERE action = 'job.finished' AND target = '" + running + "'"))
                        .as("the job's end is recorded once").isEqualTo(1);

                PoolCli.Outcome statusAfter = cli.run("status");
                assertThat(statusAfter.exitCode()).as(statusAfter.toString()).isZero();
                assertThat(statusAfter.out()).contains("online nodes  1");
                JobId after = admin.submit(JobSpec.of("echo", "after-the-outage"));
                JobInfo next = LivePool.awaitJob(admin, after, Duration.ofSeconds(30), job -> job.state().isFinal());
                assertThat(next.state()).isEqualTo(JobState.SUCCEEDED);
                assertThat(next.node()).contains(node);
                assertThat(admin.nodes()).filteredOn(n -> n.id().equals(node)).singleElement().extracting(NodeInfo::online).isEqualTo(true);
                assertThat(pool.hub.hub().status().storeReachable()).isTrue();
                System.out.printf("%s %s: submit refused in %d ms, another client's request in %d ms; the stored result %d ms after healing%n",
                        server, fault, refusedIn, otherRefusedIn, recoveredIn);
            }
        }
    }

    /**
     * Polls until the job has ended, as a client told "retry later" would: for a moment after the database returns,
     * the hub may still refuse, until its next look finds the store back.
     */
    private static JobInfo awaitEnd(PoolClient client, JobId id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                JobInfo job = client.job(id);
                if (job.state().isFinal() || System.nanoTime() > deadline) {
                    return job;
                }
            } catch (BusyException e) {
                assertThat(System.nanoTime()).as("still refused a minute after the database returned: " + e.getMessage()).isLessThan(deadline);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private static Map<String, String> settings(TestServer server, TestDatabase database, TcpFaultProxy proxy) {
        Map<String, String> settings = new HashMap<>(STORE_TIMEOUTS);
        settings.put("store.type", "jdbc");
        settings.put("store.url", database.urlThrough(proxy.port()));
        settings.put("store.user", database.user());
        if (database.password().isPresent()) {
            // the test server's own variable, which the hub's store reads from this process's environment
            settings.put("store.password-env", server == TestServer.POSTGRESQL ? "POOL_TEST_PASSWORD_POSTGRES" : "POOL_TEST_PASSWORD_MARIADB");
        }
        return settings;
    }

    private static void inject(TcpFaultProxy proxy, Fault fault) {
        switch (fault) {
            case RESTART -> proxy.cut();
            case BLACKHOLE -> proxy.blackhole();
        }
    }

    private static long timed(Runnable check) {
        long start = System.nanoTime();
        check.run();
        return (System.nanoTime() - start) / 1_000_000;
    }
}
