package io.resourcepool.api.spi.transport;

import java.util.Objects;

/**
 * The identity a peer proved with a certificate that the transport verified against its trusted CA.
 *
 * @param commonName the subject's common name (for a worker: its node name, chosen by the hub)
 * @param serialHex the certificate's serial number in lower-case hex
 */
public record PeerCertificate(String commonName, String serialHex) {
    /** Checks the fields. */
    public PeerCertificate {
        Objects.requireNonNull(commonName, "commonName must be given");
        Objects.requireNonNull(serialHex, "serialHex must be given");
    }
}
