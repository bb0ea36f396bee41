package io.resourcepool.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.Providers;
import io.resourcepool.api.spi.transport.Connection;
import io.resourcepool.api.spi.transport.Frame;
import io.resourcepool.api.spi.transport.Listener;
import io.resourcepool.api.spi.transport.PeerCertificate;
import io.resourcepool.api.spi.transport.Transport;
import io.resourcepool.api.spi.transport.TransportProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTransportProviderTest {
    @TempDir
    Path hubDir;

    @TempDir
    Path workerDir;

    private static Transport create(Path dataDir, Map<String, String> settings) {
        return Providers.select(TransportProvider.class, "tls").create(new ProviderConfig("tls", "transport", dataDir, settings));
    }

    @Test
    void isFoundByTypeThroughTheServiceLoader() {
        assertThat(Providers.select(TransportProvider.class, "tls")).isInstanceOf(TlsTransportProvider.class);
    }

    @Test
    void createTouchesNoFileAndAppliesTheLimits() {
        Transport hub = create(hubDir, Map.of("role", "hub", "max-frame-bytes", "65536", "frame-deadline", "3s"));

        assertThat(hubDir.resolve("tls")).doesNotExist();
        assertThat(hub.limits().maxFrameBytes()).isEqualTo(65536);
        assertThat(hub.limits().frameDeadline()).isEqualTo(Duration.ofSeconds(3));
        hub.close();
    }

    @Test
    void hubMadeByTheProviderServesAWorkerPinningItsFingerprint() {
        try (Transport hub = create(hubDir, Map.of("role", "hub"))) {
            Listener listener = hub.listen(Peers.ANY_PORT, Peers::echo);
            String fingerprint = HubCertificateAuthority.openOrCreate(hubDir, InstantSource.system()).fingerprint().toString();

            try (Transport worker = create(workerDir, Map.of("role", "worker", "trust-fingerprint", fingerprint));
                    Connection connection = worker.connect(listener.address())) {
                connection.send(new Frame(1, Bytes.utf8("hi")));
                assertThat(connection.receive()).isEqualTo(new Frame(1, Bytes.utf8("hi")));
                assertThat(connection.peerCertificate()).isPresent();
            }
        }
    }

    @Test
    void workerPresentsItsCertificateOnceEnrolledWithoutANewTransport() throws Exception {
        BlockingQueue<Optional<PeerCertificate>> seenByHub = new LinkedBlockingQueue<>();
        try (Transport hub = create(hubDir, Map.of("role", "hub"))) {
            Listener listener = hub.listen(Peers.ANY_PORT, connection -> seenByHub.add(connection.peerCertificate()));
            HubCertificateAuthority ca = HubCertificateAuthority.openOrCreate(hubDir, InstantSource.system());
            try (Transport worker = create(workerDir, Map.of("role", "worker", "trust-fingerprint", ca.fingerprint().hex()))) {
                worker.connect(listener.address()).close();
                assertThat(seenByHub.poll(30, TimeUnit.SECONDS)).isEmpty();

                WorkerIdentity identity = WorkerIdentity.openOrCreate(workerDir);
                identity.storeCertificate(ca.signWorkerCertificate(identity.certificationRequest(), NodeId.of("node-9"), Duration.ofDays(1))
                        .certificateChainPem());
                worker.connect(listener.address()).close();

                assertThat(seenByHub.poll(30, TimeUnit.SECONDS)).hasValueSatisfying(peer -> assertThat(peer.commonName()).isEqualTo("node-9"));
            }
        }
    }

    @Test
    void clientWithoutTrustIsAConfigurationErrorNamingTheKeys() {
        assertThatThrownBy(() -> create(workerDir, Map.of("role", "client")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("transport.trust-fingerprint")
                .hasMessageContaining("transport.ca-file");
    }

    @Test
    void badValuesAreRefusedNamingTheirKey() {
        assertThatThrownBy(() -> create(hubDir, Map.of("role", "server")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("transport.role").hasMessageContaining("hub");
        assertThatThrownBy(() -> create(hubDir, Map.of("role", "hub", "allow-tls12", "yes")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("transport.allow-tls12");
        assertThatThrownBy(() -> create(hubDir, Map.of("role", "hub", "max-frame-bytes", "10")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("transport.max-frame-bytes");
        assertThatThrownBy(() -> create(hubDir, Map.of("role", "hub", "handshake-timout", "5s")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("unknown setting transport.handshake-timout");
        assertThatThrownBy(() -> create(hubDir, Map.of("role", "worker", "trust-fingerprint", "00:11")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("transport.trust-fingerprint");
    }

    @Test
    void missingCaFileIsReportedWhenFirstUsedNotWhenCreated() {
        Transport client = create(workerDir, Map.of("role", "client", "ca-file", "no-such-ca.pem"));

        assertThatThrownBy(() -> client.connect(Peers.ANY_PORT))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no-such-ca.pem");
        client.close();
    }
}
