package io.resourcepool.launcher.demo;

import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.transport.tls.PeerTrust;
import io.resourcepool.transport.tls.TlsTransport;
import io.resourcepool.transport.tls.TlsTransportConfig;

/** Client transports for the demo: TLS 1.3, pinned to the hub's CA by its fingerprint. */
final class DemoClients {
    private DemoClients() {}

    static TlsTransport transport(String fingerprint) {
        return new TlsTransport(TlsTransportConfig.client(PeerTrust.pinned(CertificateFingerprint.parse(fingerprint))));
    }
}
