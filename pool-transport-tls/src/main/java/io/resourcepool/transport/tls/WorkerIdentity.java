package io.resourcepool.transport.tls;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.NodeId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A worker's key and, once enrolled, its certificate, kept in {@code DATA/tls/worker-key.pem} (0600) and
 * {@code DATA/tls/worker.pem}. The key is made on first use and never leaves the machine: the worker sends
 * the hub a certification request, and stores the certificate the hub returns.
 */
public final class WorkerIdentity {
    static final String KEY_FILE = "worker-key.pem";
    static final String CERT_FILE = "worker.pem";

    private final Path dir;
    private final PrivateKey key;
    private final KeyPair keys;
    private volatile Optional<List<X509Certificate>> chain;

    private WorkerIdentity(Path dir, KeyPair keys, Optional<List<X509Certificate>> chain) {
        this.dir = dir;
        this.keys = keys;
        this.key = keys.getPrivate();
        this.chain = chain;
    }

    /**
     * Loads the worker's key and certificate, making and storing a new key on first use.
     *
     * @param dataDir the worker's data directory
     * @return the identity
     * @throws ConfigurationException when the files are unreadable or do not belong together
     */
    public static WorkerIdentity openOrCreate(Path dataDir) {
        Path dir = OwnerOnlyFiles.directory(Objects.requireNonNull(dataDir, "dataDir must be given").resolve("tls"));
        Path keyFile = dir.resolve(KEY_FILE);
        Path certFile = dir.resolve(CERT_FILE);
        if (!Files.exists(keyFile)) {
            KeyPair keys = CertificateIssuer.newKeyPair();
            OwnerOnlyFiles.write(keyFile, PemFiles.toPem(keys.getPrivate()));
            return new WorkerIdentity(dir, keys, Optional.empty());
        }
        OwnerOnlyFiles.tighten(keyFile);
        PrivateKey key = PemFiles.readPrivateKey(keyFile);
        if (!Files.exists(certFile)) {
            // made before a restart, not enrolled yet: the request can still be made from the same key
            return new WorkerIdentity(dir, new KeyPair(CertificateIssuer.publicKeyOf(key, keyFile.toString()), key), Optional.empty());
        }
        List<X509Certificate> chain = PemFiles.readCertificates(certFile);
        KeyChecks.requireMatch(key, chain.get(0), keyFile.toString(), certFile.toString());
        return new WorkerIdentity(dir, new KeyPair(chain.get(0).getPublicKey(), key), Optional.of(chain));
    }

    /**
     * A PKCS#10 request for the hub, signed with this worker's key. Its subject is a placeholder: the hub
     * chooses the name.
     *
     * @return the request in DER
     */
    public byte[] certificationRequest() {
        try {
            return request().getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a certification request in memory failed", e);
        }
    }

    /**
     * The same request in PEM.
     *
     * @return the PEM text
     */
    public String certificationRequestPem() {
        return PemFiles.toPem(request());
    }

    private PKCS10CertificationRequest request() {
        try {
            return CertificationRequests.create(keys, new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "resourcepool-worker").build());
        } catch (IllegalStateException e) {
            throw new ConfigurationException("cannot make a certification request: " + e.getMessage(), e);
        }
    }

    /**
     * Stores the certificate chain the hub signed, after checking it is for this worker's key.
     *
     * @param certificateChainPem the chain in PEM, leaf first
     * @throws ConfigurationException when the certificate is for another key or cannot be written
     */
    public void storeCertificate(String certificateChainPem) {
        List<X509Certificate> received = PemFiles.parseCertificates(certificateChainPem, "the certificate from the hub");
        if (!KeyChecks.belongTogether(key, received.get(0).getPublicKey())) {
            throw new ConfigurationException("the certificate from the hub is for another key than this worker's; enrol again");
        }
        OwnerOnlyFiles.write(dir.resolve(CERT_FILE), PemFiles.toPem(received));
        chain = Optional.of(received);
    }

    /**
     * The key and chain to present to the hub, once enrolled.
     *
     * @return the key material, or empty before enrolment
     */
    public Optional<KeyMaterial> keyMaterial() {
        return chain.map(c -> new KeyMaterial(key, c));
    }

    /**
     * The name the hub gave this worker, read from its certificate.
     *
     * @return the node id, or empty before enrolment
     */
    public Optional<NodeId> nodeId() {
        return chain.map(c -> NodeId.of(PeerCertificates.commonName(c.get(0))));
    }

    /**
     * This identity as the worker engine uses it.
     *
     * @return the machine identity
     */
    public io.resourcepool.api.spi.transport.MachineIdentity asMachineIdentity() {
        return new WorkerMachineIdentity(this);
    }

    @Override
    public String toString() {
        return "WorkerIdentity[" + dir + nodeId().map(n -> ", " + n).orElse(", not enrolled") + "]";
    }
}
