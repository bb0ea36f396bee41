package io.resourcepool.api.spi.transport;

/**
 * A worker's own key and certificate, kept in its data directory so that a restart needs no new join token.
 * The transport presents the certificate, once installed, on every connection it opens.
 */
public interface MachineIdentity {
    /**
     * Says whether a certificate signed by the hub is installed.
     *
     * @return true once enrolled
     */
    boolean isEnrolled();

    /**
     * Makes (or reuses) the private key and returns a certificate signing request for it.
     *
     * @param hostname the host name to mention in the request; the hub chooses the real name
     * @return the PKCS#10 request, PEM
     */
    String certificateSigningRequest(String hostname);

    /**
     * Installs the certificate chain the hub signed, durably.
     *
     * @param certificateChainPem the worker's certificate and the CA certificate, PEM
     */
    void install(String certificateChainPem);

    /**
     * The node name in the installed certificate.
     *
     * @return the common name
     * @throws IllegalStateException before enrolment
     */
    String nodeName();
}
