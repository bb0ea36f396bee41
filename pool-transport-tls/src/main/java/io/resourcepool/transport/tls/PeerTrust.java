package io.resourcepool.transport.tls;

import io.resourcepool.api.spi.transport.CertificateFingerprint;
import java.security.cert.X509Certificate;
import java.util.List;
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
     * Trusts certificates signed by any of these CA certificates, as a hub trusts its workers while it rotates its
     * CA. A client's certificate past its end is still accepted in the handshake, its signature and chain checked as
     * at its last valid moment, so that the hub can refuse it with a message that says what to do (see
     * {@link io.resourcepool.api.spi.transport.PeerCertificate#notAfter()}); a server's is not.
     *
     * @param cas the CA certificates, at least one
     * @return the trust
     */
    static PeerTrust workersOf(List<X509Certificate> cas) {
        return new WorkerCas(cas);
    }

    /**
     * Trusts a chain that any of these trusts accepts, as a worker trusts the CA it pinned and the CAs its hub sent it.
     *
     * @param trusts the trusts, at least one
     * @return the trust
     */
    static PeerTrust anyOf(List<PeerTrust> trusts) {
        return trusts.size() == 1 ? trusts.get(0) : new AnyOf(trusts);
    }

    /**
     * Trust in CA certificates held here, for a hub's workers.
     *
     * @param certificates the CA certificates
     */
    record WorkerCas(List<X509Certificate> certificates) implements PeerTrust {
        /** Checks and copies the field. */
        public WorkerCas {
            certificates = List.copyOf(Objects.requireNonNull(certificates, "certificates must be given"));
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("certificates must hold at least one CA certificate");
            }
            certificates.forEach(CaCertificate::new);
        }
    }

    /**
     * Trust in any of several trusts.
     *
     * @param trusts the trusts
     */
    record AnyOf(List<PeerTrust> trusts) implements PeerTrust {
        /** Checks and copies the field. */
        public AnyOf {
            trusts = List.copyOf(Objects.requireNonNull(trusts, "trusts must be given"));
            if (trusts.isEmpty()) {
                throw new IllegalArgumentException("trusts must hold at least one trust");
            }
        }
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
