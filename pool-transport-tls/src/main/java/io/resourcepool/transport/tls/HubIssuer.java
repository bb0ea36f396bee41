package io.resourcepool.transport.tls;

import io.resourcepool.api.NodeId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The hub's CA as the hub engine sees it ({@link io.resourcepool.api.spi.transport.CertificateIssuer}): signs
 * workers' requests under the name the hub chose.
 */
final class HubIssuer implements io.resourcepool.api.spi.transport.CertificateIssuer {
    private final HubCertificateAuthority ca;

    HubIssuer(HubCertificateAuthority ca) {
        this.ca = ca;
    }

    @Override
    public String issueWorkerCertificate(String csrPem, NodeId node, Duration validity) {
        return ca.signWorkerCertificate(csrPem.getBytes(StandardCharsets.US_ASCII), node, validity).certificateChainPem();
    }

    @Override
    public String caFingerprint() {
        return ca.fingerprint().toString();
    }
}
