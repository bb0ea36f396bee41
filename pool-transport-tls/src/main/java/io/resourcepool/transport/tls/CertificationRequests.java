package io.resourcepool.transport.tls;

import io.resourcepool.api.ProtocolException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** PKCS#10 certification requests: made by workers, checked by the hub. */
final class CertificationRequests {
    /** Far more than any honest request needs; bounds the work a hostile one can cause. */
    private static final int MAX_BYTES = 16 * 1024;

    private CertificationRequests() {}

    static PKCS10CertificationRequest create(KeyPair keys, X500Name subject) {
        try {
            return new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign a certification request: " + e.getMessage(), e);
        }
    }

    /**
     * The public key of a request whose signature proves its sender holds the private key. Everything
     * else the request asks for (subject, extensions) is ignored by the caller.
     *
     * @throws ProtocolException when the request is malformed, badly signed or carries a weak key
     */
    static PublicKey verifiedKey(byte[] derOrPem) {
        if (derOrPem.length == 0 || derOrPem.length > MAX_BYTES) {
            throw new ProtocolException("the certificate signing request has " + derOrPem.length + " bytes; expected 1 to " + MAX_BYTES);
        }
        PKCS10CertificationRequest request = parse(derOrPem);
        try {
            if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(request.getSubjectPublicKeyInfo()))) {
                throw new ProtocolException("the certificate signing request's signature does not verify: it was not signed with the key it carries");
            }
            PublicKey key = new JcaPKCS10CertificationRequest(request).getPublicKey();
            requireStrong(key);
            return key;
        } catch (OperatorCreationException | PKCSException | GeneralSecurityException e) {
            throw new ProtocolException("the certificate signing request cannot be verified: " + e.getMessage(), e);
        }
    }

    /**
     * The common name the request's subject carries, or its whole subject when it has none; the caller checks the
     * signature with {@link #verifiedKey}.
     *
     * @throws ProtocolException when the request is malformed or too large
     */
    static String commonName(byte[] derOrPem) {
        if (derOrPem.length == 0 || derOrPem.length > MAX_BYTES) {
            throw new ProtocolException("the certificate signing request has " + derOrPem.length + " bytes; expected 1 to " + MAX_BYTES);
        }
        X500Name subject = parse(derOrPem).getSubject();
        org.bouncycastle.asn1.x500.RDN[] names = subject.getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.CN);
        return names.length == 0 ? subject.toString()
                : org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(names[0].getFirst().getValue());
    }

    private static PKCS10CertificationRequest parse(byte[] derOrPem) {
        try {
            String start = new String(derOrPem, 0, Math.min(derOrPem.length, 64), StandardCharsets.US_ASCII);
            if (!start.stripLeading().startsWith("-----BEGIN")) {
                return new PKCS10CertificationRequest(derOrPem);
            }
            try (PEMParser parser = new PEMParser(new StringReader(new String(derOrPem, StandardCharsets.US_ASCII)))) {
                if (parser.readObject() instanceof PKCS10CertificationRequest request) {
                    return request;
                }
                throw new ProtocolException("the PEM text is not a certificate signing request (expected -----BEGIN CERTIFICATE REQUEST-----)");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProtocolException known) {
                throw known;
            }
            throw new ProtocolException("the certificate signing request is malformed: " + e.getMessage(), e);
        }
    }

    private static void requireStrong(PublicKey key) {
        boolean strong = switch (key) {
            case ECPublicKey ec -> ec.getParams().getCurve().getField().getFieldSize() >= 256;
            case RSAPublicKey rsa -> rsa.getModulus().bitLength() >= 2048;
            default -> false;
        };
        if (!strong) {
            throw new ProtocolException("the certificate signing request carries a " + key.getAlgorithm()
                    + " key this hub does not sign: use EC P-256 (or larger), or RSA of 2048 bits or more");
        }
    }
}
