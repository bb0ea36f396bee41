package io.resourcepool.api.spi.transport;

import java.time.Instant;
import java.util.Optional;

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

    /**
     * When the installed certificate starts, so the worker can tell how much of its life has passed.
     *
     * @return the start, or empty before enrolment or when this identity does not say
     */
    default Optional<Instant> certificateNotBefore() {
        return Optional.empty();
    }

    /**
     * When the installed certificate ends.
     *
     * @return the end, or empty before enrolment or when this identity does not say
     */
    default Optional<Instant> certificateNotAfter() {
        return Optional.empty();
    }

    /**
     * Says whether this identity can renew its certificate over a live connection ({@link #renewalRequest}).
     *
     * @return false unless the implementation renews
     */
    default boolean canRenew() {
        return false;
    }

    /**
     * Makes a NEW private key, kept aside until {@link #installRenewal} stores it, and returns a certificate signing
     * request for it that names this node; the key in use is not touched.
     *
     * @return the PKCS#10 request, PEM
     * @throws UnsupportedOperationException when {@link #canRenew()} is false
     */
    default String renewalRequest() {
        throw new UnsupportedOperationException("this machine identity cannot renew its certificate");
    }

    /**
     * Installs, durably and as one change, the key made by the last {@link #renewalRequest} and the certificate the
     * hub signed for it, with the CAs the hub asks its workers to trust from now on; the next connection presents them.
     *
     * @param certificateChainPem the new certificate and its CA, PEM
     * @param trustedCasPem the CA certificates to trust for the hub, PEM (empty to keep those trusted now)
     * @throws UnsupportedOperationException when {@link #canRenew()} is false
     */
    default void installRenewal(String certificateChainPem, String trustedCasPem) {
        throw new UnsupportedOperationException("this machine identity cannot renew its certificate");
    }
}
