package io.resourcepool.http.agent;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/** Certificates to and from PEM text with the JDK alone, for what the gateway tells agents and reads back from the hub. */
public final class CertificatePem {
    private static final Base64.Encoder BODY = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private CertificatePem() {}

    /**
     * Writes certificates as PEM, one block each, in order.
     *
     * @param certificates the certificates
     * @return the PEM text
     */
    public static String of(List<X509Certificate> certificates) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                pem.append("-----BEGIN CERTIFICATE-----\n").append(BODY.encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("a certificate could not be encoded", e);
            }
        }
        return pem.toString();
    }

    /**
     * Reads the first certificate of a PEM chain.
     *
     * @param chainPem the chain, leaf first
     * @return the leaf
     * @throws IllegalStateException when the text holds no readable certificate (it comes from the hub's own CA)
     */
    public static X509Certificate leaf(String chainPem) {
        try {
            Certificate first = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(chainPem.getBytes(StandardCharsets.US_ASCII))).iterator().next();
            return (X509Certificate) first;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("the hub's certificate authority returned an unreadable certificate", e);
        }
    }
}
