package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.core.client.NodeInfo;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.worker.Worker;
import io.resourcepool.transport.tls.IssuedCertificate;
import io.resourcepool.transport.tls.PemFiles;
import io.resourcepool.transport.tls.WorkerIdentity;
import io.resourcepool.testkit.time.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker certificates are short-lived and renew themselves: over real TLS, with real workers running real processes,
 * a worker renews with a new key before its certificate ends while its job runs on, and its next connection presents
 * the new certificate; a worker whose certificate has ended is refused with a message that says to enrol again.
 * Time is a manual clock for the hub and the worker (TLS itself checks the wall clock, which these certificates
 * satisfy throughout).
 */
class CertificateRenewalTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static TlsHubFixture hub(Path dir) {
        return TlsHubFixture.configured(dir, c -> c.withBind(new InetSocketAddress("127.0.0.1", freePort()))
                .withHeartbeats(Duration.ofMillis(200), Duration.ofSeconds(15))
                .withCertificateValidity(Duration.ofDays(30)));
    }

    @Test
    void aWorkerRenewsItsCertificateWithANewKeyBeforeExpiryWithoutDroppingItsJob() throws Exception {
        try (TlsHubFixture pool = hub(dir.resolve("hub")); RealWorkers workers = new RealWorkers()) {
            Path home = dir.resolve("w1");
            // the worker's time, which decides when it renews; the hub's stays put, so its heartbeats never look late
            ManualClock workerClock = ManualClock.startingAt(pool.clock.instant());
            NodeId node = workers.start(pool, home, "w1", b -> b.clock(workerClock));
            String first = serial(pool, node);
            String firstKey = Files.readString(home.resolve("tls/worker-key.pem"));
            Path go = dir.resolve("go");
            PoolClient admin = pool.track(pool.admin());
            JobId job = admin.submit(JobSpec.of("sh", "-c", "while [ ! -e '" + go + "' ]; do sleep 0.05; done; echo finished")
                    .withTarget(NodeSelector.named(node)));
            await().atMost(PATIENCE).until(() -> admin.job(job).state() == JobState.RUNNING);

            // a third of 30 days is left after 20: due
            workerClock.advance(Duration.ofDays(21));
            await().atMost(PATIENCE).until(() -> !serial(pool, node).equals(first)
                    && !Files.readString(home.resolve("tls/worker-key.pem")).equals(firstKey));
            // the new certificate starts at the hub's time, 21 days behind the worker's: seen from there it would be due at
            // once, and the worker would renew again and again; the worker's time goes back to where the certificate starts
            workerClock.set(PemFiles.readCertificates(home.resolve("tls/worker.pem")).get(0).getNotBefore().toInstant());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("tls/worker-key.pem")))).isEqualTo("rw-------");
            // the renewal's working file goes once the new certificate is in place, a moment after the key changed
            await().atMost(PATIENCE).until(() -> !Files.exists(home.resolve("tls/renewal.pem")));
            assertThat(pool.store.audit().list(AuditQuery.latest(100))).anySatisfy(e -> {
                assertThat(e.event().action()).isEqualTo("node.cert.renewed");
                assertThat(e.event().target()).isEqualTo(node.value());
                assertThat(e.event().detail()).contains(first);
            });
            assertThat(admin.job(job).state()).isEqualTo(JobState.RUNNING);
            // the node listing shows when the certificate the worker now holds ends
            java.time.Instant renewedEnd = PemFiles.readCertificates(home.resolve("tls/worker.pem")).get(0).getNotAfter().toInstant();
            assertThat(admin.nodes()).filteredOn(n -> n.id().equals(node)).singleElement()
                    .satisfies(n -> assertThat(n.certificateExpiresAt()).contains(renewedEnd));

            Files.createFile(go);
            await().atMost(PATIENCE).until(() -> admin.job(job).state().isFinal());
            assertThat(admin.job(job).state()).isEqualTo(JobState.SUCCEEDED);

            // a new hub remembers no replaced certificate: the worker comes back only because it presents the new one
            pool.restartHub();
            await().atMost(PATIENCE).until(() -> online(pool, node));
        }
    }

    @Test
    void aWorkerWhoseCertificateEndedIsRefusedWithAMessageToEnrolAgain() throws Exception {
        try (TlsHubFixture pool = hub(dir.resolve("hub")); RealWorkers workers = new RealWorkers()) {
            // the worker's own clock stands still, so it never renews: it was, say, switched off for two months
            ManualClock workerClock = ManualClock.startingAt(pool.clock.instant());
            NodeId node = workers.start(pool, dir.resolve("w1"), "w1", b -> b.clock(workerClock));
            Worker worker = workers.started().get(0);

            pool.clock.advance(Duration.ofDays(31));
            pool.restartHub();

            ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> worker.stopped().get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            assertThat(refused.getCause()).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("certificate of node " + node + " expired")
                    .hasMessageContaining("enrol again with a new join token");
            assertThat(online(pool, node)).isFalse();
        }
    }

    @Test
    void aWorkerWhoseCertificateReallyEndedReEnrolsOnlyWithANewJoinToken() throws Exception {
        try (TlsHubFixture pool = hub(dir.resolve("hub")); RealWorkers workers = new RealWorkers()) {
            Path home = dir.resolve("w1");
            NodeId first = workers.start(pool, home, "w1");
            workers.started().get(0).close();
            // its certificate replaced by one that ends at once: by the wall clock, which TLS uses too, it has ended
            WorkerIdentity identity = WorkerIdentity.openOrCreate(home);
            IssuedCertificate ended = pool.ca.signWorkerCertificate(identity.certificationRequest(), first, Duration.ofMillis(1));
            identity.storeCertificate(ended.certificateChainPem());
            await().atMost(PATIENCE).until(() -> Instant.now().isAfter(ended.notAfter()));

            // started again without a join token, it does not even connect
            Worker again = workers.build(pool, home, "w1", UnaryOperator.identity()).start();
            ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> again.stopped().get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            assertThat(refused.getCause()).isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("certificate expired").hasMessageContaining("enrol again with a new join token");

            // with a new join token it enrols again (presenting its ended certificate in the handshake), as a new node
            Worker enrolled = workers.build(pool, home, "w1", b -> b.joinToken(RealWorkers.joinToken(pool))).start();
            NodeId second = enrolled.registered().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(second).isNotEqualTo(first);
            assertThat(online(pool, second)).isTrue();
        }
    }

    static String serial(TlsHubFixture pool, NodeId node) {
        return pool.store.nodes().findNode(node).orElseThrow().certificateSerial();
    }

    static boolean online(TlsHubFixture pool, NodeId node) {
        try (PoolClient admin = pool.admin()) {
            return admin.nodes().stream().filter(n -> n.id().equals(node)).anyMatch(NodeInfo::online);
        }
    }

    /** A port free now, so a restarted hub listens where its workers look for it (the listener reuses the address). */
    static int freePort() {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on this machine", e);
        }
    }
}
