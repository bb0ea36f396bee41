package io.resourcepool.transport.tls;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.transport.KeyMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
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
 *
 * <p>Renewal makes a new key ({@link #renewalRequest()}) and stores it with its certificate as one change
 * ({@link #storeRenewal}): both go first into {@code renewal.pem}, which a later start finishes installing if the
 * worker stopped half-way. The CAs the hub asks its workers to trust (its own, and a new one during a CA rotation)
 * are kept in {@code hub-cas.pem}.
 */
public final class WorkerIdentity {
    static final String KEY_FILE = "worker-key.pem";
    static final String CERT_FILE = "worker.pem";
    static final String RENEWAL_FILE = "renewal.pem";
    static final String HUB_CAS_FILE = "hub-cas.pem";

    private final Path dir;
    private volatile KeyPair keys;
    private volatile Optional<List<X509Certificate>> chain;
    private volatile Optional<KeyPair> pending = Optional.empty();

    private WorkerIdentity(Path dir, KeyPair keys, Optional<List<X509Certificate>> chain) {
        this.dir = dir;
        this.keys = keys;
        this.chain = chain;
    }

    /**
     * Loads the worker's key and certificate, making and storing a new key on first use, and finishing a renewal
     * that a stop interrupted.
     *
     * @param dataDir the worker's data directory
     * @return the identity
     * @throws ConfigurationException when the files are unreadable or do not belong together
     */
    public static WorkerIdentity openOrCreate(Path dataDir) {
        Path dir = OwnerOnlyFiles.directory(Objects.requireNonNull(dataDir, "dataDir must be given").resolve("tls"));
        Path keyFile = dir.resolve(KEY_FILE);
        Path certFile = dir.resolve(CERT_FILE);
        finishRenewal(dir);
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

    /** A renewal written whole but not yet installed is installed; a torn one is dropped (the old pair is intact). */
    private static void finishRenewal(Path dir) {
        Path renewal = dir.resolve(RENEWAL_FILE);
        if (!Files.exists(renewal)) {
            return;
        }
        try {
            PrivateKey key = PemFiles.readPrivateKey(renewal);
            List<X509Certificate> chain = PemFiles.readCertificates(renewal);
            if (KeyChecks.belongTogether(key, chain.get(0).getPublicKey())) {
                install(dir, key, chain);
                return;
            }
        } catch (ConfigurationException e) {
            // torn: the old key and certificate were not touched yet
        }
        try {
            Files.deleteIfExists(renewal);
        } catch (IOException e) {
            throw new ConfigurationException("cannot remove the unfinished renewal " + renewal + ": " + e.getMessage(), e);
        }
    }

    private static void install(Path dir, PrivateKey key, List<X509Certificate> chain) {
        OwnerOnlyFiles.write(dir.resolve(KEY_FILE), PemFiles.toPem(key));
        OwnerOnlyFiles.write(dir.resolve(CERT_FILE), PemFiles.toPem(chain));
        try {
            Files.deleteIfExists(dir.resolve(RENEWAL_FILE));
        } catch (IOException e) {
            throw new ConfigurationException("cannot remove " + dir.resolve(RENEWAL_FILE) + " after installing it: " + e.getMessage(), e);
        }
    }

    /**
     * A PKCS#10 request for the hub, signed with this worker's key. Its subject is a placeholder: the hub
     * chooses the name.
     *
     * @return the request in DER
     */
    public byte[] certificationRequest() {
        try {
            return request(keys, "resourcepool-worker").getEncoded();
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
        return PemFiles.toPem(request(keys, "resourcepool-worker"));
    }

    /**
     * Makes a new key, held in memory until {@link #storeRenewal} stores it, and a request for it naming this node.
     *
     * @return the request in PEM
     * @throws IllegalStateException before enrolment
     */
    public String renewalRequest() {
        NodeId node = nodeId().orElseThrow(() -> new IllegalStateException("this worker is not enrolled yet: it has nothing to renew"));
        KeyPair fresh = CertificateIssuer.newKeyPair();
        pending = Optional.of(fresh);
        return PemFiles.toPem(request(fresh, node.value()));
    }

    private static PKCS10CertificationRequest request(KeyPair keys, String commonName) {
        try {
            return CertificationRequests.create(keys, new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build());
        } catch (IllegalStateException e) {
            throw new ConfigurationException("cannot make a certification request: " + e.getMessage(), e);
        }
    }

    /**
     * Stores the certificate chain the hub signed, after checking it is for this worker's key, and trusts the CA
     * that came with it for the hub from now on.
     *
     * @param certificateChainPem the chain in PEM, leaf first
     * @throws ConfigurationException when the certificate is for another key or cannot be written
     */
    public void storeCertificate(String certificateChainPem) {
        List<X509Certificate> received = PemFiles.parseCertificates(certificateChainPem, "the certificate from the hub");
        if (!KeyChecks.belongTogether(keys.getPrivate(), received.get(0).getPublicKey())) {
            throw new ConfigurationException("the certificate from the hub is for another key than this worker's; enrol again");
        }
        OwnerOnlyFiles.write(dir.resolve(CERT_FILE), PemFiles.toPem(received));
        chain = Optional.of(received);
        storeHubCas(received.subList(1, received.size()));
    }

    /**
     * Stores the new key of the last {@link #renewalRequest()} with the certificate the hub signed for it, as one
     * change, and the CAs to trust for the hub from now on; the next connection presents them.
     *
     * @param certificateChainPem the new chain in PEM, leaf first
     * @param trustedCasPem the CA certificates the hub asks its workers to trust, PEM; empty to keep those known
     * @throws ConfigurationException when no renewal was asked for, or the certificate is for another key
     */
    public void storeRenewal(String certificateChainPem, String trustedCasPem) {
        KeyPair fresh = pending.orElseThrow(() -> new ConfigurationException("no renewal was asked for, so there is no new key to install"));
        List<X509Certificate> received = PemFiles.parseCertificates(certificateChainPem, "the renewed certificate from the hub");
        if (!KeyChecks.belongTogether(fresh.getPrivate(), received.get(0).getPublicKey())) {
            throw new ConfigurationException("the renewed certificate from the hub is for another key than the one this worker made for it");
        }
        List<X509Certificate> cas = trustedCasPem.isBlank() ? List.of()
                : PemFiles.parseCertificates(trustedCasPem, "the CA certificates from the hub");
        OwnerOnlyFiles.write(dir.resolve(RENEWAL_FILE), PemFiles.toPem(fresh.getPrivate()) + PemFiles.toPem(received));
        install(dir, fresh.getPrivate(), received);
        keys = fresh;
        chain = Optional.of(received);
        pending = Optional.empty();
        List<X509Certificate> trusted = new ArrayList<>(cas);
        received.subList(1, received.size()).stream().filter(c -> !trusted.contains(c)).forEach(trusted::add);
        storeHubCas(trusted);
    }

    private void storeHubCas(List<X509Certificate> cas) {
        List<X509Certificate> authorities = cas.stream().filter(c -> c.getBasicConstraints() >= 0).toList();
        if (!authorities.isEmpty()) {
            OwnerOnlyFiles.write(dir.resolve(HUB_CAS_FILE), PemFiles.toPem(authorities));
        }
    }

    /**
     * The CAs the hub has told this worker to trust for it (besides the one it pinned at enrolment).
     *
     * @return the CA certificates, none before enrolment
     */
    public List<X509Certificate> hubCas() {
        Path file = dir.resolve(HUB_CAS_FILE);
        return Files.exists(file) ? PemFiles.readCertificates(file) : List.of();
    }

    /**
     * The key and chain to present to the hub, once enrolled.
     *
     * @return the key material, or empty before enrolment
     */
    public Optional<KeyMaterial> keyMaterial() {
        KeyPair now = keys;
        return chain.map(c -> new KeyMaterial(now.getPrivate(), c));
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
     * When the certificate starts.
     *
     * @return the start, or empty before enrolment
     */
    public Optional<Instant> notBefore() {
        return chain.map(c -> c.get(0).getNotBefore().toInstant());
    }

    /**
     * When the certificate ends.
     *
     * @return the end, or empty before enrolment
     */
    public Optional<Instant> notAfter() {
        return chain.map(c -> c.get(0).getNotAfter().toInstant());
    }

    /**
     * What the identity's files look like now, so a transport can tell cheaply that a renewal replaced them.
     *
     * @param dataDir the worker's data directory
     * @return names, sizes and modification times
     */
    static List<String> stamp(Path dataDir) {
        Path dir = dataDir.resolve("tls");
        List<String> stamp = new ArrayList<>();
        for (String name : List.of(KEY_FILE, CERT_FILE, HUB_CAS_FILE)) {
            Path file = dir.resolve(name);
            try {
                stamp.add(name + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis());
            } catch (IOException e) {
                stamp.add(name + ":absent");
            }
        }
        return stamp;
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
