package io.resourcepool.transport.tls;

import io.resourcepool.api.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Objects;

/**
 * Checks a renewal's certification request before the hub signs it: a renewal replaces the key, so a request for the
 * key of the certificate being replaced is refused (a stolen key would otherwise live on through renewals).
 */
public final class RenewalRequests {
    private RenewalRequests() {}

    /**
     * Refuses a request for the key the certificate being replaced already certifies.
     *
     * @param csrPem the PKCS#10 request, PEM
     * @param current the public key of the certificate being replaced
     * @throws ProtocolException when the request is for that key, or is malformed, badly signed or weak
     */
    public static void requireNewKey(String csrPem, PublicKey current) {
        Objects.requireNonNull(csrPem, "csrPem must be given");
        Objects.requireNonNull(current, "current must be given");
        PublicKey requested = CertificationRequests.verifiedKey(csrPem.getBytes(StandardCharsets.US_ASCII));
        if (requested.equals(current)) {
            throw new ProtocolException("the renewal request is for the key of the certificate presented: make a new key for each renewal");
        }
    }
}
