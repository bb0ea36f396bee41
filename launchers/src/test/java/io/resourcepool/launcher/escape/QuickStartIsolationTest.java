package io.resourcepool.launcher.escape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.client.RunResult;
import io.resourcepool.launcher.PoolProcesses;
import io.resourcepool.transport.tls.PeerTrust;
import io.resourcepool.transport.tls.TlsTransport;
import io.resourcepool.transport.tls.TlsTransportConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start as written: one ordinary user starts the hub and the worker with their defaults, and the
 * admin runs commands on the pool. A job must not reach the worker's key nor the hub's data, which belong to the
 * very user the worker runs as. On a root test run, that user is {@code nobody}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class QuickStartIsolationTest {
    private PoolProcesses.OrdinaryUser pool;
    private TlsTransport transport;
    private PoolClient admin;
    private NodeId node;

    @BeforeAll
    void startHubAndWorkerAsOneOrdinaryUser(@TempDir Path dir) throws Exception {
        pool = PoolProcesses.ordinaryUser(dir);
        assumeTrue(pool.available(), () -> pool.unavailableReason());
        pool.startHubAndWorker();
        transport = new TlsTransport(TlsTransportConfig.client(PeerTrust.pinned(CertificateFingerprint.parse(pool.fingerprint()))));
        admin = PoolClient.connect(transport, pool.hubAddress()).login("admin", Secret.of(pool.adminPassword()));
        node = NodeId.of(pool.node());
    }

    @AfterAll
    void stop() {
        if (admin != null) {
            admin.close();
            transport.close();
        }
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void aJobCannotReadTheWorkersKey() {
        Path tls = pool.workerData().resolve("tls");
        assertThat(Files.exists(tls.resolve("worker-key.pem"))).as("the worker keeps its key at " + tls).isTrue();

        RunResult result = run("cat " + tls + "/worker-key.pem; ls -la " + pool.workerData());

        String out = result.stdout().asUtf8();
        assertThat(out.contains("PRIVATE KEY") || out.contains("worker.pem")).as(EscapeTarget.describe(result)).isFalse();
    }

    @Test
    void aJobCannotReadTheHubsDataEvenAsTheSameUser() {
        RunResult result = run("head -c 16 " + pool.hubData().resolve("pool.db") + "; cat " + pool.hubData().resolve("tls") + "/*");

        String out = result.stdout().asUtf8();
        assertThat(out.contains("SQLite format") || out.contains("PRIVATE KEY")).as(EscapeTarget.describe(result)).isFalse();
    }

    @Test
    void theNodeListingSaysWhatTheDefaultSandboxGives() {
        assertThat(admin.nodes()).singleElement().satisfies(n -> assertThat(n.sandbox()).startsWith("bubblewrap"));
    }

    private RunResult run(String script) {
        return admin.run(JobSpec.of("sh", "-c", script).withTarget(NodeSelector.named(node)));
    }
}
