package io.resourcepool.transport.tls;

import io.resourcepool.api.NodeId;
import java.time.Instant;
import java.util.Objects;

/**
 * A worker certificate the hub has just signed.
 *
 * @param node the node it names (its common name)
 * @param certificateChainPem the certificate and the hub's CA, in PEM, to hand to the worker
 * @param serialHex its serial number in lower-case hex, for the node store and revocation checks
 * @param notAfter when it expires
 */
public record IssuedCertificate(NodeId node, String certificateChainPem, String serialHex, Instant notAfter) {
    /** Checks the fields. */
    public IssuedCertificate {
        Objects.requireNonNull(node, "node must be given");
        Objects.requireNonNull(certificateChainPem, "certificateChainPem must be given");
        Objects.requireNonNull(serialHex, "serialHex must be given");
        Objects.requireNonNull(notAfter, "notAfter must be given");
    }
}
