package io.resourcepool.transport.tls;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.transport.FrameLimits;
import io.resourcepool.api.spi.transport.KeyMaterial;
import io.resourcepool.testkit.certs.TestIdentity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;

/** A hub CA in a temporary directory, and worker identities signed by it, for tests. */
final class Pki {
    static final FrameLimits LIMITS = new FrameLimits(256 * 1024, Duration.ofSeconds(10));

    private final Path dir;
    final HubCertificateAuthority ca;

    Pki(Path dir) {
        this.dir = dir;
        this.ca = HubCertificateAuthority.openOrCreate(dir.resolve("hub"), InstantSource.system());
    }

    /** A hub listening configuration with the given client-certificate policy. */
    TlsTransportConfig server(ClientAuth clientAuth) {
        return ca.serverConfig().withClientAuth(clientAuth).withLimits(LIMITS);
    }

    /** A client that pins the hub's CA and presents no certificate. */
    TlsTransportConfig anonymousClient() {
        return TlsTransportConfig.client(PeerTrust.pinned(ca.fingerprint())).withLimits(LIMITS);
    }

    /** A worker enrolled as {@code node}, pinning the hub's CA. */
    TlsTransportConfig worker(String node) {
        return anonymousClient().withIdentity(enrol(node));
    }

    KeyMaterial enrol(String node) {
        WorkerIdentity worker = WorkerIdentity.openOrCreate(dir.resolve("worker-" + node));
        IssuedCertificate issued = ca.signWorkerCertificate(worker.certificationRequest(), NodeId.of(node), Duration.ofDays(30));
        worker.storeCertificate(issued.certificateChainPem());
        return worker.keyMaterial().orElseThrow();
    }

    static KeyMaterial keyMaterial(TestIdentity identity) {
        return new KeyMaterial(PemFiles.parsePrivateKey(identity.privateKeyPem(), identity.name()),
                PemFiles.parseCertificates(identity.certificateChainPem(), identity.name()));
    }
}
