package io.resourcepool.transport.tls;

import io.resourcepool.api.ConfigurationException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds certificates with BouncyCastle: ECDSA P-256 keys, SHA256withECDSA signatures, and only the
 * extensions each kind needs. BouncyCastle is not installed as a JCA provider: the JDK's own providers
 * generate keys and sign, so nothing global changes for the application embedding the pool.
 */
final class CertificateIssuer {
    private static final String SIGNATURE = "SHA256withECDSA";

    private CertificateIssuer() {}

    /** A CA that can sign: its certificate and key. */
    record SigningCa(X509Certificate certificate, PrivateKey key) {
        @Override
        public String toString() {
            return "SigningCa[" + certificate.getSubjectX500Principal().getName() + ", key hidden]";
        }
    }

    /** A validity period. */
    record Validity(Instant notBefore, Instant notAfter) {}

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make EC P-256 keys: " + e.getMessage(), e);
        }
    }

    /**
     * The public half of an EC private key (the curve's generator times the private scalar), so a key
     * file alone is enough to make a certification request again.
     */
    static PublicKey publicKeyOf(PrivateKey key, String source) {
        if (!(key instanceof ECPrivateKey ec)) {
            throw new ConfigurationException(source + " holds a " + key.getAlgorithm() + " key; a worker key must be EC");
        }
        try {
            ECParameterSpec params = ec.getParams();
            org.bouncycastle.math.ec.ECPoint q = EC5Util.convertCurve(params.getCurve()).createPoint(
                    params.getGenerator().getAffineX(), params.getGenerator().getAffineY()).multiply(ec.getS()).normalize();
            ECPoint point = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, params));
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("cannot derive the public key of " + source + ": " + e.getMessage(), e);
        }
    }

    /** A random positive serial of exactly 128 bits. */
    static BigInteger newSerial(SecureRandom random) {
        return new BigInteger(128, random).setBit(127);
    }

    static X509Certificate selfSignedCa(KeyPair keys, X500Name subject, Validity validity, BigInteger serial) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(subject, serial, validity, subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return sign(builder, keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot build a CA certificate: " + e.getMessage(), e);
        }
    }

    static X509Certificate server(PublicKey key, X500Name subject, List<GeneralName> names, SigningCa ca, Validity validity, BigInteger serial) {
        return leaf(key, subject, ca, validity, serial, KeyPurposeId.id_kp_serverAuth, names);
    }

    static X509Certificate client(PublicKey key, X500Name subject, SigningCa ca, Validity validity, BigInteger serial) {
        return leaf(key, subject, ca, validity, serial, KeyPurposeId.id_kp_clientAuth, List.of());
    }

    private static X509Certificate leaf(PublicKey key, X500Name subject, SigningCa ca, Validity validity, BigInteger serial,
            KeyPurposeId purpose, List<GeneralName> names) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder builder = builder(issuer, serial, validity, subject, key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca.certificate()));
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            return sign(builder, ca.key());
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot build a certificate for " + subject + ": " + e.getMessage(), e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, BigInteger serial, Validity validity, X500Name subject, PublicKey key) {
        return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(validity.notBefore()), Date.from(validity.notAfter()), subject, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with " + SIGNATURE + ": " + e.getMessage(), e);
        }
    }
}
