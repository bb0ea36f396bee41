package io.resourcepool.transport.tls;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.transport.PeerCertificate;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;

/**
 * The hub's CA as the hub engine sees it ({@link io.resourcepool.api.spi.transport.CertificateIssuer}): signs
 * workers' requests under the name the hub chose, and renews them from the CA that signs now.
 */
final class HubIssuer implements io.resourcepool.api.spi.transport.CertificateIssuer {
    private final HubCertificateAuthority ca;

    HubIssuer(HubCertificateAuthority ca) {
        this.ca = ca;
    }

    @Override
    public String issueWorkerCertificate(String csrPem, NodeId node, Duration validity) {
        ca.reloadedGeneration();
        return ca.signWorkerCertificate(csrPem.getBytes(StandardCharsets.US_ASCII), node, validity).certificateChainPem();
    }

    @Override
    public String renewWorkerCertificate(String csrPem, NodeId node, Duration validity) {
        ca.reloadedGeneration();
        return ca.renewWorkerCertificate(csrPem.getBytes(StandardCharsets.US_ASCII), node, validity).certificateChainPem();
    }

    @Override
    public void requireNewKey(String csrPem, PublicKey current) {
        RenewalRequests.requireNewKey(csrPem, current);
    }

    @Override
    public String trustedCaCertificates() {
        return PemFiles.toPem(ca.trustedCaCertificates());
    }

    @Override
    public boolean isFromSigningCa(PeerCertificate certificate) {
        ca.reloadedGeneration();
        return certificate.issuer().isEmpty() || certificate.issuer().equals(ca.signingCaCertificate().getSubjectX500Principal().getName());
    }

    @Override
    public String caFingerprint() {
        return ca.fingerprint().toString();
    }
}
