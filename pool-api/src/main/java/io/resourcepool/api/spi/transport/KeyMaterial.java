package io.resourcepool.api.spi.transport;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * An identity this side proves in the TLS handshake: a private key and its certificate chain.
 *
 * @param privateKey the key; never printed
 * @param certificateChain the chain, leaf first; include the CA so a peer that pins the CA finds it
 */
public record KeyMaterial(PrivateKey privateKey, List<X509Certificate> certificateChain) {

    /** Checks and copies the fields. */
    public KeyMaterial {
        Objects.requireNonNull(privateKey, "privateKey must be given");
        certificateChain = List.copyOf(Objects.requireNonNull(certificateChain, "certificateChain must be given"));
        if (certificateChain.isEmpty()) {
            throw new IllegalArgumentException("certificateChain must hold at least the leaf certificate");
        }
    }

    /**
     * The leaf certificate.
     *
     * @return the first certificate of the chain
     */
    public X509Certificate certificate() {
        return certificateChain.get(0);
    }

    /** Names the certificate and hides the key. */
    @Override
    public String toString() {
        return "KeyMaterial[" + certificate().getSubjectX500Principal().getName() + ", serial "
                + certificate().getSerialNumber().toString(16) + ", key hidden]";
    }
}
