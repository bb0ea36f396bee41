package io.resourcepool.transport.tls;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.transport.KeyMaterial;
import io.resourcepool.api.spi.transport.KeyMaterialFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A certificate chain and its private key in two PEM files, as an ACME client such as certbot writes them
 * ({@code fullchain.pem} and {@code privkey.pem}): the chain leaf first, the key unencrypted in PKCS#8
 * ({@code BEGIN PRIVATE KEY}) or the traditional RSA or EC form ({@code BEGIN RSA PRIVATE KEY},
 * {@code BEGIN EC PRIVATE KEY}).
 *
 * <p>{@link #read} refuses a pair that would fail in a browser anyway: a key that is not the certificate's, or a
 * certificate that is not valid at the given instant (expired, or not yet valid: usually a clock that is wrong).
 *
 * @param certificateChain the chain's file, leaf first
 * @param privateKey the key's file; read, never printed
 */
public record CertificateFiles(Path certificateChain, Path privateKey) implements KeyMaterialFiles {

    /** Checks the fields. */
    public CertificateFiles {
        Objects.requireNonNull(certificateChain, "certificateChain must be given");
        Objects.requireNonNull(privateKey, "privateKey must be given");
    }

    /**
     * Reads and checks the pair.
     *
     * @param now the instant the certificate must be valid at
     * @return the key and chain, as read
     * @throws ConfigurationException naming the file at fault: missing or unreadable, not PEM, no certificate, no
     *     unencrypted key, a key that does not belong to the certificate, or a certificate not valid at {@code now}
     */
    @Override
    public KeyMaterial read(Instant now) {
        requireFile(certificateChain, "certificate chain");
        requireFile(privateKey, "private key");
        List<X509Certificate> chain = PemFiles.readCertificates(certificateChain);
        PrivateKey key = PemFiles.readPrivateKey(privateKey);
        X509Certificate leaf = chain.get(0);
        KeyChecks.requireMatch(key, leaf, privateKey.toString(), certificateChain.toString());
        if (!KeyChecks.validAt(leaf, now)) {
            boolean expired = now.isAfter(leaf.getNotAfter().toInstant());
            throw new ConfigurationException("the certificate in " + certificateChain + " (" + leaf.getSubjectX500Principal().getName()
                    + ") is " + (expired ? "expired" : "not valid yet") + ": valid from " + leaf.getNotBefore().toInstant() + " to "
                    + leaf.getNotAfter().toInstant() + ", now is " + now + "; "
                    + (expired ? "renew it (certbot renew) and point to the new files" : "check this machine's clock"));
        }
        return new KeyMaterial(key, chain);
    }

    private static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("the " + what + " file " + file + " does not exist (or is not a regular file)");
        }
        if (!Files.isReadable(file)) {
            throw new ConfigurationException("the " + what + " file " + file + " is not readable by this process; give its user read access");
        }
    }
}
