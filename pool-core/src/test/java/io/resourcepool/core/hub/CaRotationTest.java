package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.KeySeal;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.core.client.NodeInfo;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.transport.tls.CaRotation;
import io.resourcepool.transport.tls.HubCertificateAuthority;
import io.resourcepool.transport.tls.PemFiles;
import io.resourcepool.transport.tls.TlsTransport;
import io.resourcepool.transport.tls.TlsTransportConfig;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's server certificate and its CA change under a running hub, over real TLS with real workers: new
 * handshakes see the new certificate while connections already made go on; a CA rotation asks the connected workers
 * to renew from the new CA, which they learn with their renewal, so none is lost when the old CA is retired.
 */
class CaRotationTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static TlsHubFixture hub(Path dir) {
        return TlsHubFixture.configured(dir, c -> c.withBind(new InetSocketAddress("127.0.0.1", CertificateRenewalTest.freePort()))
                .withHeartbeats(Duration.ofMillis(200), Duration.ofSeconds(15)));
    }

    @Test
    void aNewServerCertificateServesNewHandshakesWhileOldConnectionsLive() throws Exception {
        Path hubDir = dir.resolve("hub");
        try (TlsHubFixture pool = hub(hubDir)) {
            PoolClient connected = pool.track(pool.admin());
            BigInteger before = servedSerial(pool);

            // the operator (or a script) puts a new certificate in place: here, removing it has the hub issue one
            Files.delete(hubDir.resolve("tls/hub.pem"));
            Files.delete(hubDir.resolve("tls/hub-key.pem"));

            // nobody tells the hub: a handshake over a second after it last looked has it read the directory again
            await().atMost(PATIENCE).until(() -> !servedSerial(pool).equals(before));
            assertThat(servedSerial(pool)).isEqualTo(pool.ca.serverKeyMaterial().certificate().getSerialNumber());
            assertThat(hubDir.resolve("tls/hub.pem")).exists();
            connected.ping();
            pool.assertStillServes(connected);
        }
    }

    @Test
    void rotatingTheCaWithWorkersConnectedLosesNoneOfThem() throws Exception {
        Path hubDir = dir.resolve("hub");
        try (TlsHubFixture pool = hub(hubDir); RealWorkers workers = new RealWorkers()) {
            NodeId first = workers.start(pool, dir.resolve("w1"), "w1");
            NodeId second = workers.start(pool, dir.resolve("w2"), "w2");
            X509Certificate oldCa = pool.ca.signingCaCertificate();

            CertificateFingerprint fresh = CaRotation.rotate(hubDir, InstantSource.system(), KeySeal.none());
            assertThat(pool.ca.reloadIfChanged()).isTrue();
            X509Certificate newCa = pool.ca.signingCaCertificate();
            assertThat(CertificateFingerprint.of(newCa)).isEqualTo(fresh);
            // during the overlap the hub still serves with the old CA's certificate, which workers trust by their pin
            assertThat(pool.ca.fingerprint()).isEqualTo(CertificateFingerprint.of(oldCa));
            assertThat(pool.ca.trustedCaCertificates()).containsExactly(newCa, oldCa);

            // the hub asks each connected worker to renew; each gets a certificate from the new CA and learns that CA
            for (String w : List.of("w1", "w2")) {
                Path tls = dir.resolve(w).resolve("tls");
                await().atMost(PATIENCE).until(() -> PemFiles.readCertificates(tls.resolve("worker.pem")).contains(newCa)
                        && PemFiles.readCertificates(tls.resolve("hub-cas.pem")).containsAll(List.of(newCa, oldCa)));
            }
            assertThat(online(pool, List.of(first, second))).isTrue();

            CaRotation.retire(hubDir, InstantSource.system(), KeySeal.none());
            assertThat(pool.ca.reloadIfChanged()).isTrue();
            assertThat(pool.ca.trustedCaCertificates()).containsExactly(newCa);
            assertThat(pool.ca.fingerprint()).isEqualTo(fresh);

            // every worker connects again, now to a hub serving a certificate of the new CA only
            pool.restartHub();
            try (TlsTransport newTrust = new TlsTransport(TlsTransportConfig.client(pool.ca.trust()))) {
                await().atMost(PATIENCE).until(() -> {
                    try (PoolClient admin = PoolClient.connect(newTrust, pool.address()).login("admin", TlsHubFixture.ADMIN_PASSWORD)) {
                        return admin.nodes().stream().filter(NodeInfo::online).map(NodeInfo::id).toList().containsAll(List.of(first, second));
                    }
                });
            }
        }
    }

    private static boolean online(TlsHubFixture pool, List<NodeId> nodes) {
        try (PoolClient admin = pool.admin()) {
            return admin.nodes().stream().filter(NodeInfo::online).map(NodeInfo::id).toList().containsAll(nodes);
        }
    }

    /** The serial of the certificate a new handshake sees. */
    private static BigInteger servedSerial(TlsHubFixture pool) throws Exception {
        try (SSLSocket socket = (SSLSocket) pool.rawTls().createSocket(pool.address().getHostString(), pool.address().getPort())) {
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }
}
