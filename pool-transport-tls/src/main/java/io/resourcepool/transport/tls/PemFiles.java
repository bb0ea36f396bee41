package io.resourcepool.transport.tls;

import io.resourcepool.api.ConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemGenerationException;

/**
 * Reads and writes the PEM forms used here: certificates and chains, private keys (PKCS#8
 * {@code PRIVATE KEY} written; PKCS#8 and SEC1 {@code EC PRIVATE KEY} read) and certification requests.
 * Unencrypted keys only: the files are protected by their permissions. Messages name the file or what was
 * expected, never a key.
 */
public final class PemFiles {
    private PemFiles() {}

    /**
     * Reads the certificates in a PEM file, in order.
     *
     * @param file the file
     * @return the certificates; at least one
     * @throws ConfigurationException when the file is unreadable or holds no certificate
     */
    public static List<X509Certificate> readCertificates(Path file) {
        return parseCertificates(read(file), file.toString());
    }

    /**
     * Parses the certificates in PEM text, in order.
     *
     * @param pem the text
     * @param source what the text is, for messages
     * @return the certificates; at least one
     * @throws ConfigurationException when the text holds no certificate
     */
    public static List<X509Certificate> parseCertificates(String pem, String source) {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException e) {
            throw new ConfigurationException(source + " is not valid PEM: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new ConfigurationException(source + " holds no certificate (expected -----BEGIN CERTIFICATE-----)");
        }
        return List.copyOf(certificates);
    }

    /**
     * Reads an unencrypted private key from a PEM file.
     *
     * @param file the file
     * @return the key
     * @throws ConfigurationException when the file is unreadable or holds no key
     */
    public static PrivateKey readPrivateKey(Path file) {
        return parsePrivateKey(read(file), file.toString());
    }

    /**
     * Parses an unencrypted private key from PEM text.
     *
     * @param pem the text
     * @param source what the text is, for messages
     * @return the key
     * @throws ConfigurationException when the text holds no key
     */
    public static PrivateKey parsePrivateKey(String pem, String source) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (item instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
            }
        } catch (IOException e) {
            throw new ConfigurationException(source + " does not hold a readable private key (" + e.getClass().getSimpleName() + ")", e);
        }
        throw new ConfigurationException(source + " holds no unencrypted private key (expected -----BEGIN PRIVATE KEY-----)");
    }

    /**
     * Writes certificates as PEM, in order.
     *
     * @param certificates the certificates
     * @return the PEM text
     */
    public static String toPem(List<X509Certificate> certificates) {
        return write(certificates.toArray());
    }

    /**
     * Writes a private key as PKCS#8 PEM.
     *
     * @param key the key
     * @return the PEM text; keep it secret
     */
    public static String toPem(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, null));
        } catch (PemGenerationException e) {
            throw new IllegalStateException("cannot encode a " + key.getAlgorithm() + " private key as PKCS#8", e);
        }
    }

    /**
     * Writes a certification request as PEM.
     *
     * @param request the request
     * @return the PEM text
     */
    public static String toPem(PKCS10CertificationRequest request) {
        return write(request);
    }

    private static String write(Object... items) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object item : items) {
                writer.writeObject(item);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing PEM to memory failed", e);
        }
        return text.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ConfigurationException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
