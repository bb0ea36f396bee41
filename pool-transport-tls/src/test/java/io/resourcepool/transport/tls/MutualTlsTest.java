package io.resourcepool.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.api.spi.transport.Connection;
import io.resourcepool.api.spi.transport.Frame;
import io.resourcepool.api.spi.transport.KeyMaterial;
import io.resourcepool.api.spi.transport.Listener;
import io.resourcepool.api.spi.transport.PeerCertificate;
import io.resourcepool.testkit.certs.TestCertificates;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Who may connect, and what each side learns about the other. */
class MutualTlsTest extends PkiTest {
    private static final Frame WELCOME = new Frame(1, Bytes.utf8("welcome"));


    /** What the hub's handler saw; completed only when a connection got past the handshake. */
    private final CompletableFuture<Optional<PeerCertificate>> served = new CompletableFuture<>();

    private Listener hub(ClientAuth clientAuth) {
        TlsTransport transport = track(new TlsTransport(pki.server(clientAuth)));
        return track(transport.listen(Peers.ANY_PORT, connection -> {
            served.complete(connection.peerCertificate());
            connection.send(WELCOME);
            Peers.echo(connection);
        }));
    }

    /** Connects and reads the welcome; in TLS 1.3 a refused client certificate shows only at the first read. */
    private Connection connectAndRead(TlsTransportConfig config, Listener hub) {
        Connection connection = track(track(new TlsTransport(config)).connect(hub.address()));
        assertThat(connection.receive()).isEqualTo(WELCOME);
        return connection;
    }

    @Test
    void connectionNamesTheWorkersVerifiedNameAndSerial() {
        Listener hub = hub(ClientAuth.NEED);
        KeyMaterial worker = pki.enrol("node-7");

        connectAndRead(pki.anonymousClient().withIdentity(worker), hub);

        assertThat(Peers.await(served)).contains(new PeerCertificate("node-7", worker.certificate().getSerialNumber().toString(16),
                worker.certificate().getIssuerX500Principal().getName(), Optional.of(worker.certificate().getNotAfter().toInstant())));
    }

    @Test
    void clientWithoutCertificateIsRefusedWhenOneIsNeeded() {
        Listener hub = hub(ClientAuth.NEED);

        assertThatThrownBy(() -> connectAndRead(pki.anonymousClient(), hub)).isInstanceOf(TransportException.class);
        assertThat(served).isNotDone();
    }

    @Test
    void clientWithoutCertificateIsServedAnonymouslyWhenOneIsWanted() {
        Listener hub = hub(ClientAuth.WANT);

        Connection connection = connectAndRead(pki.anonymousClient(), hub);

        assertThat(Peers.await(served)).isEmpty();
        assertThat(connection.peerCertificate()).isPresent();
    }

    @ParameterizedTest
    @EnumSource(value = ClientAuth.class, names = {"WANT", "NEED"})
    void certificateFromAnotherCaIsRefusedEvenWhenCertificatesAreOnlyWanted(ClientAuth mode) {
        Listener hub = hub(mode);
        TlsTransportConfig rogue = pki.anonymousClient().withIdentity(Pki.keyMaterial(TestCertificates.unrelatedClient()));

        assertThatThrownBy(() -> connectAndRead(rogue, hub)).isInstanceOf(TransportException.class);
        assertThat(served).isNotDone();
    }

    @Test
    void clientPinningAnotherCaRefusesTheHub() {
        Listener hub = hub(ClientAuth.WANT);
        TlsTransportConfig wrongPin = TlsTransportConfig.client(PeerTrust.pinned(CertificateFingerprint.parse(TestCertificates.caFingerprintHex())));

        assertThatThrownBy(() -> connectAndRead(wrongPin, hub))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("is not the pinned hub")
                .hasMessageContaining(pki.ca.fingerprint().toString());
        assertThat(served).isNotDone();
    }

    @Test
    void clientTrustingAnotherCaCertificateRefusesTheHub() {
        Listener hub = hub(ClientAuth.WANT);
        TlsTransportConfig wrongCa = TlsTransportConfig.client(PeerTrust.ca(TestCertificates.ca()));

        assertThatThrownBy(() -> connectAndRead(wrongCa, hub))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("not signed by the trusted CA");
    }

    @Test
    void clientTrustingTheCaCertificateItselfConnects() {
        Listener hub = hub(ClientAuth.WANT);

        Connection connection = connectAndRead(TlsTransportConfig.client(pki.ca.trust()), hub);

        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void shippedTestCertificatesWorkForServerAndWorker() {
        TlsTransportConfig serverConfig = TlsTransportConfig.server(Pki.keyMaterial(TestCertificates.server()), PeerTrust.ca(TestCertificates.ca()))
                .withClientAuth(ClientAuth.NEED);
        TlsTransport server = track(new TlsTransport(serverConfig));
        Listener hub = track(server.listen(Peers.ANY_PORT, connection -> {
            served.complete(connection.peerCertificate());
            connection.send(WELCOME);
        }));
        TlsTransportConfig worker = TlsTransportConfig.client(PeerTrust.pinned(CertificateFingerprint.parse(TestCertificates.caFingerprintHex())))
                .withIdentity(Pki.keyMaterial(TestCertificates.client()));

        Connection connection = connectAndRead(worker, hub);

        assertThat(Peers.await(served)).hasValueSatisfying(peer -> assertThat(peer.commonName()).isEqualTo("test-worker"));
        assertThat(connection.peerCertificate()).hasValueSatisfying(peer -> assertThat(peer.commonName()).isEqualTo("localhost"));
    }

    @Test
    void listeningWithoutAnIdentityIsAConfigurationError() {
        TlsTransport clientOnly = track(new TlsTransport(pki.anonymousClient()));

        assertThatThrownBy(() -> clientOnly.listen(Peers.ANY_PORT, Peers::echo))
                .isInstanceOf(io.resourcepool.api.ConfigurationException.class)
                .hasMessageContaining("cannot listen");
    }
}
