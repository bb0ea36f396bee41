package io.resourcepool.api.spi.transport;

import io.resourcepool.api.NodeId;
import java.security.PublicKey;
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

    /**
     * Signs a new certificate for an enrolled worker that asked, over its own authenticated connection, to renew.
     * The request must name that node ({@code CN=<node>}) and carry a key; the CA checks both before signing.
     *
     * @param csrPem the worker's PKCS#10 request for its new key, PEM
     * @param node the node the requesting connection proved to be
     * @param validity how long the new certificate is valid
     * @return the signed certificate followed by the CA certificate, PEM
     * @throws io.resourcepool.api.ProtocolException when the request is malformed, names another node, or its key is weak
     */
    default String renewWorkerCertificate(String csrPem, NodeId node, Duration validity) {
        return issueWorkerCertificate(csrPem, node, validity);
    }

    /**
     * Refuses a renewal's request for the key the certificate being replaced already certifies: a renewal replaces
     * the key, so a stolen key cannot live on through renewals. An issuer that cannot read requests accepts any.
     *
     * @param csrPem the PKCS#10 request, PEM
     * @param current the public key of the certificate being replaced
     * @throws io.resourcepool.api.ProtocolException when the request is for that key, or is malformed, badly signed or weak
     */
    default void requireNewKey(String csrPem, PublicKey current) {}

    /**
     * The CA certificates workers should trust for the hub from now on: the one that signs, and during a CA rotation
     * the one being retired. Sent with every renewal, so workers learn a new CA before the hub serves with it.
     *
     * @return the CA certificates, PEM; empty when this issuer does not say
     */
    default String trustedCaCertificates() {
        return "";
    }

    /**
     * Says whether a worker's certificate comes from the CA that signs now; after a CA rotation, workers whose
     * certificates do not are asked to renew at once.
     *
     * @param certificate the worker's verified certificate
     * @return true unless it is known to come from another CA
     */
    default boolean isFromSigningCa(PeerCertificate certificate) {
        return true;
    }
}
