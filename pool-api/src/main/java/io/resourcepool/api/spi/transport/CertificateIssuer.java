package io.resourcepool.api.spi.transport;

import io.resourcepool.api.NodeId;
import java.time.Duration;

/**
 * The hub's certificate authority, as the hub engine needs it to enroll machines: it signs a worker's
 * certificate signing request under a name the hub chooses, never the one the request asks for.
 */
public interface CertificateIssuer {
    /**
     * Signs a worker's certificate.
     *
     * @param csrPem the worker's PKCS#10 request, PEM; its signature is checked, its subject ignored
     * @param node the name the hub chose, which becomes the certificate's common name
     * @param validity how long the certificate is valid
     * @return the signed certificate followed by the CA certificate, PEM
     * @throws io.resourcepool.api.ProtocolException when the request is malformed, its key weak or its signature wrong
     */
    String issueWorkerCertificate(String csrPem, NodeId node, Duration validity);

    /**
     * The SHA-256 fingerprint of the CA certificate, which workers and clients pin.
     *
     * @return lower-case hex pairs separated by colons
     */
    String caFingerprint();
}
