package io.resourcepool.transport.tls;

import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * Whom this side trusts: the CA that must have signed the other side's certificate. Host names are not
 * checked: a hub is identified by its CA, which workers and clients pin.
 */
public sealed interface PeerTrust {

    /**
     * Trusts certificates signed by this CA certificate.
     *
     * @param ca the CA certificate
     * @return the trust
     */
    static PeerTrust ca(X509Certificate ca) {
        return new CaCertificate(ca);
    }

    /**
     * Trusts a chain that ends at a CA whose SHA-256 fingerprint is this one, and that the CA signed.
     *
     * @param fingerprint the CA's fingerprint, as the hub prints it
     * @return the trust
     */
    static PeerTrust pinned(CertificateFingerprint fingerprint) {
        return new PinnedCa(fingerprint);
    }

    /**
     * Trust in a CA certificate held here.
     *
     * @param certificate the CA certificate
     */
    record CaCertificate(X509Certificate certificate) implements PeerTrust {
        /** Checks the field. */
        public CaCertificate {
            Objects.requireNonNull(certificate, "certificate must be given");
            if (certificate.getBasicConstraints() < 0) {
                throw new IllegalArgumentException("certificate " + certificate.getSubjectX500Principal().getName()
                        + " is not a CA certificate (no basicConstraints CA:TRUE); trust the CA that signed it instead");
            }
        }
    }

    /**
     * Trust in a CA known only by its fingerprint; the peer sends the CA certificate in its chain.
     *
     * @param fingerprint the CA's SHA-256 fingerprint
     */
    record PinnedCa(CertificateFingerprint fingerprint) implements PeerTrust {
        /** Checks the field. */
        public PinnedCa {
            Objects.requireNonNull(fingerprint, "fingerprint must be given");
        }
    }
}
