package io.resourcepool.testkit.certs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A test certificate chain (leaf first, then its CA) and its private key, as PEM text.
 *
 * @param name the resource name, for example {@code server} or {@code client}
 * @param certificateChainPem the chain in PEM, leaf first
 * @param privateKeyPem the key in PKCS#8 PEM ({@code BEGIN PRIVATE KEY})
 */
public record TestIdentity(String name, String certificateChainPem, String privateKeyPem) {

    /** Checks the fields. */
    public TestIdentity {
        Objects.requireNonNull(name, "name must be given");
        Objects.requireNonNull(certificateChainPem, "certificateChainPem must be given");
        Objects.requireNonNull(privateKeyPem, "privateKeyPem must be given");
    }

    /**
     * The chain, parsed by the JDK.
     *
     * @return the certificates, leaf first
     */
    public List<X509Certificate> certificateChain() {
        return parseCertificates(certificateChainPem);
    }

    /**
     * The leaf certificate.
     *
     * @return the first certificate of the chain
     */
    public X509Certificate certificate() {
        return certificateChain().get(0);
    }

    /**
     * The private key, parsed by the JDK.
     *
     * @return the EC private key
     */
    public PrivateKey privateKey() {
        String base64 = privateKeyPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("test key " + name + " does not load: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the chain to {@code NAME.pem} in a directory.
     *
     * @param directory where to write
     * @return the file
     */
    public Path writeChain(Path directory) {
        return write(directory.resolve(name + ".pem"), certificateChainPem);
    }

    /**
     * Writes the key to {@code NAME-key.pem} in a directory.
     *
     * @param directory where to write
     * @return the file
     */
    public Path writeKey(Path directory) {
        return write(directory.resolve(name + "-key.pem"), privateKeyPem);
    }

    @Override
    public String toString() {
        return "TestIdentity[" + name + "]";
    }

    static List<X509Certificate> parseCertificates(String pem) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).stream()
                    .map(X509Certificate.class::cast)
                    .toList();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("test certificate does not parse: " + e.getMessage(), e);
        }
    }

    static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
