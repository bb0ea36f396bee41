package io.resourcepool.launcher.https;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway "operator's CA", standing for an ACME CA such as Let's Encrypt: it issues server certificates for
 * {@code localhost} and {@code 127.0.0.1} and writes them as certbot does, {@code fullchain.pem} (leaf, then the CA)
 * and {@code privkey.pem}.
 */
public final class OperatorCa {
    /** The key forms ACME clients write. */
    public enum KeyForm {
        /** EC P-256, PKCS#8 ({@code BEGIN PRIVATE KEY}): certbot's default. */
        EC_PKCS8,
        /** RSA 2048, the traditional form ({@code BEGIN RSA PRIVATE KEY}). */
        RSA_TRADITIONAL
    }

    private final KeyPair keys = newKeyPair(KeyForm.EC_PKCS8);
    private final X509Certificate certificate;
    private final SecureRandom random = new SecureRandom();

    /** Makes a CA valid for a year. */
    public OperatorCa() {
        Instant now = Instant.now();
        X500Name name = new X500Name("O=Operator Test,CN=Operator Test CA");
        certificate = sign(new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(365))), name, keys.getPublic()), true);
    }

    /**
     * The CA certificate, which a client trusts instead of the pool's own CA.
     *
     * @return the certificate
     */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Writes the CA certificate as PEM.
     *
     * @param file where
     * @return the file
     */
    public Path writeCertificate(Path file) {
        return write(file, pem(certificate));
    }

    /**
     * Issues a certificate for {@code localhost} and {@code 127.0.0.1} and writes it as certbot does.
     *
     * @param dir where to write {@code fullchain.pem} and {@code privkey.pem}
     * @param notBefore the start of validity
     * @param notAfter the end of validity
     * @param form how to write the key
     * @return the leaf certificate
     */
    public X509Certificate issue(Path dir, Instant notBefore, Instant notAfter, KeyForm form) {
        KeyPair leafKeys = newKeyPair(form);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, new BigInteger(64, random), Date.from(notBefore),
                Date.from(notAfter), new X500Name("CN=localhost"), leafKeys.getPublic());
        try {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        X509Certificate leaf = sign(builder, false);
        write(dir.resolve("fullchain.pem"), pem(leaf, certificate));
        try {
            write(dir.resolve("privkey.pem"), form == KeyForm.EC_PKCS8 ? pem(new JcaPKCS8Generator(leafKeys.getPrivate(), null)) : pem(leafKeys.getPrivate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return leaf;
    }

    /**
     * Issues a certificate valid from an hour ago for 90 days, with a PKCS#8 EC key, as certbot's default does.
     *
     * @param dir where to write {@code fullchain.pem} and {@code privkey.pem}
     * @return the leaf certificate
     */
    public X509Certificate issue(Path dir) {
        Instant now = Instant.now();
        return issue(dir, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(90)), KeyForm.EC_PKCS8);
    }

    private X509Certificate sign(X509v3CertificateBuilder builder, boolean ca) {
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot sign a test certificate: " + e.getMessage(), e);
        }
    }

    private static KeyPair newKeyPair(KeyForm form) {
        try {
            if (form == KeyForm.RSA_TRADITIONAL) {
                KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
                rsa.initialize(2048);
                return rsa.generateKeyPair();
            }
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec("secp256r1"));
            return ec.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(Object... items) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object item : items) {
                writer.writeObject(item);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
