package io.resourcepool.api.spi.transport;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The identity a peer proved with a certificate that the transport verified against its trusted CA.
 *
 * <p>A listener may accept a client's certificate past its end in the handshake (the TLS transport does for the
 * hub's workers), so that the application can refuse it with a message that says what to do; such an application
 * must check {@link #notAfter()} itself.
 *
 * @param commonName the subject's common name (for a worker: its node name, chosen by the hub)
 * @param serialHex the certificate's serial number in lower-case hex
 * @param issuer the issuer's distinguished name (RFC 2253), empty when the transport does not say
 * @param notAfter when the certificate ends, empty when the transport does not say
 */
public record PeerCertificate(String commonName, String serialHex, String issuer, Optional<Instant> notAfter) {
    /** Checks the fields. */
    public PeerCertificate {
        Objects.requireNonNull(commonName, "commonName must be given");
        Objects.requireNonNull(serialHex, "serialHex must be given");
        Objects.requireNonNull(issuer, "issuer must be given (empty when unknown)");
        Objects.requireNonNull(notAfter, "notAfter must be given (empty when unknown)");
    }

    /**
     * A certificate known by its name and serial only.
     *
     * @param commonName the subject's common name
     * @param serialHex the serial number in lower-case hex
     */
    public PeerCertificate(String commonName, String serialHex) {
        this(commonName, serialHex, "", Optional.empty());
    }

    /**
     * Says whether the certificate has ended at a time.
     *
     * @param now the time to judge by (the hub's clock)
     * @return true when its end is known and not after {@code now}
     */
    public boolean expiredAt(Instant now) {
        return notAfter.filter(end -> !end.isAfter(now)).isPresent();
    }
}
