package io.resourcepool.transport.tls;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.KeySeal;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.api.spi.transport.KeyMaterial;
import io.resourcepool.transport.tls.CertificateIssuer.SigningCa;
import io.resourcepool.transport.tls.CertificateIssuer.Validity;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's certificate authority: it identifies the hub to workers and clients (who pin its fingerprint),
 * gives the hub its server certificate, and signs the certificates workers use for mutual TLS.
 *
 * <p>By default it lives in the hub's data directory ({@link #openOrCreate}); an operator may instead give
 * PEM files ({@link #fromPem}), with or without the CA's key (without it, this hub cannot enrol workers).
 * Keys are ECDSA P-256. The subject a worker asks for in its request is ignored: the hub decides who the
 * worker is.
 *
 * <p>A CA in the data directory is read again when its files change ({@link #reloadIfChanged()}), so a new server
 * certificate or a CA rotation ({@link CaRotation}) takes effect without a restart.
 */
public final class HubCertificateAuthority {
    private static final Logger LOG = LoggerFactory.getLogger(HubCertificateAuthority.class);
    /** Longest worker certificate this CA signs. */
    public static final Duration MAX_WORKER_VALIDITY = Duration.ofDays(3650);

    /** How often, at most, {@link #reloadedGeneration()} looks at the files. */
    private static final Duration RELOAD_CHECK = Duration.ofSeconds(1);

    private final InstantSource clock;
    private final SecureRandom random;
    private final Optional<HubTlsDirectory> directory;
    private final ReentrantLock reloading = new ReentrantLock();
    private final AtomicLong generation = new AtomicLong();
    private volatile Material material;
    private volatile List<String> stamp = List.of();
    private volatile long checkedNanos = System.nanoTime();

    /**
     * What this CA holds at one moment: the CA that signs workers' certificates (and its key, when given), every CA
     * trusted for workers (the signing one first, then the one being retired during a rotation) and the hub's own
     * key and chain.
     */
    private record Material(X509Certificate ca, Optional<PrivateKey> caKey, List<X509Certificate> trusted, KeyMaterial server) {}

    private HubCertificateAuthority(Material material, Optional<HubTlsDirectory> directory, InstantSource clock, SecureRandom random) {
        this.material = material;
        this.directory = directory;
        this.clock = clock;
        this.random = random;
        directory.ifPresent(d -> stamp = d.stamp());
    }

    /**
     * Opens the CA in {@code dataDir/tls/}, making it on first start: a CA valid for ten years and a server
     * certificate for {@code localhost}, {@code 127.0.0.1}, {@code ::1} and this machine's name, valid for
     * two years and issued again at start-up when close to expiry. Keys are written owner-only (0600) in an
     * owner-only directory (0700), each file atomically.
     *
     * @param dataDir the hub's data directory
     * @param clock the time source for validity periods
     * @return the CA
     * @throws ConfigurationException when the files are incomplete, unreadable or do not belong together
     */
    public static HubCertificateAuthority openOrCreate(Path dataDir, InstantSource clock) {
        return openOrCreate(dataDir, clock, KeySeal.none());
    }

    /**
     * Loads or makes the CA and server certificate as {@link #openOrCreate(Path, InstantSource)} does, with the
     * private keys ({@code ca-key.pem}, {@code hub-key.pem}) sealed under a key kept outside the data directory;
     * keys found unsealed are sealed in place.
     *
     * @param dataDir the hub's data directory
     * @param clock the time source for validity periods
     * @param seal the seal of the key files
     * @return the CA
     * @throws ConfigurationException when the files are incomplete, unreadable, do not open or do not belong together
     */
    public static HubCertificateAuthority openOrCreate(Path dataDir, InstantSource clock, KeySeal seal) {
        Objects.requireNonNull(dataDir, "dataDir must be given");
        Objects.requireNonNull(clock, "clock must be given");
        Objects.requireNonNull(seal, "seal must be given");
        SecureRandom random = new SecureRandom();
        HubTlsDirectory directory = new HubTlsDirectory(dataDir, clock, random, seal);
        return new HubCertificateAuthority(load(directory), Optional.of(directory), clock, random);
    }

    private static Material load(HubTlsDirectory directory) {
        SigningCa signing = directory.openOrCreateCa();
        List<X509Certificate> trusted = new ArrayList<>(List.of(signing.certificate()));
        directory.retiringCa().ifPresent(trusted::add);
        KeyMaterial server = directory.openOrIssueServer(signing, trusted);
        return new Material(signing.certificate(), Optional.of(signing.key()), List.copyOf(trusted), server);
    }

    /**
     * Reads the TLS directory again when its files changed (an operator's new server certificate, a CA rotation),
     * so new handshakes use what it holds; connections already made keep theirs. Does nothing for a CA given as
     * PEM files.
     *
     * @return true when something changed and was loaded
     * @throws ConfigurationException when the new files cannot be used; what was loaded before stays in use
     */
    public boolean reloadIfChanged() {
        if (directory.isEmpty()) {
            return false;
        }
        reloading.lock();
        try {
            checkedNanos = System.nanoTime();
            List<String> now = directory.get().stamp();
            if (now.equals(stamp)) {
                return false;
            }
            try {
                material = load(directory.get());
            } finally {
                // loading may issue a server certificate, which changes the files again; a failed load is not tried
                // again (nor logged again) until the files change once more
                stamp = directory.get().stamp();
            }
            generation.incrementAndGet();
            LOG.info("reloaded the hub's TLS directory: signing CA {}, trusted {}, serving with {}", fingerprintOf(material.ca()),
                    material.trusted().stream().map(HubCertificateAuthority::fingerprintOf).toList(), material.server());
            return true;
        } finally {
            reloading.unlock();
        }
    }

    /**
     * How many times this CA has been reloaded, having first looked at the files when it last did over a second
     * ago; a failed reload is logged and the material loaded before stays in use.
     *
     * @return the generation, which changes whenever what this CA holds does
     */
    public long reloadedGeneration() {
        if (directory.isPresent() && System.nanoTime() - checkedNanos > RELOAD_CHECK.toNanos() && !reloading.isLocked()) {
            try {
                reloadIfChanged();
            } catch (RuntimeException e) {
                LOG.warn("the hub's TLS directory changed but cannot be loaded; still using what was loaded before: {}", e.getMessage());
            }
        }
        return generation.get();
    }

    private static CertificateFingerprint fingerprintOf(X509Certificate certificate) {
        return CertificateFingerprint.of(certificate);
    }

    /**
     * Uses the operator's certificates, without the CA's key: the hub serves and verifies client
     * certificates, but cannot sign new ones.
     *
     * @param serverChain the hub's certificate chain in PEM, leaf first
     * @param serverKey the hub's private key in PEM
     * @param caCertificate the CA that signs workers' certificates (and, usually, the hub's)
     * @param clock the time source
     * @return the CA
     * @throws ConfigurationException when a file is unreadable or the key does not match the certificate
     */
    public static HubCertificateAuthority fromPem(Path serverChain, Path serverKey, Path caCertificate, InstantSource clock) {
        X509Certificate ca = PemFiles.readCertificates(caCertificate).get(0);
        return new HubCertificateAuthority(new Material(ca, Optional.empty(), List.of(ca), serverIdentity(serverChain, serverKey, ca)),
                Optional.empty(), clock, new SecureRandom());
    }

    /**
     * Uses the operator's certificates and the CA's key, so this hub can also enrol workers.
     *
     * @param serverChain the hub's certificate chain in PEM, leaf first
     * @param serverKey the hub's private key in PEM
     * @param caCertificate the CA certificate in PEM
     * @param caPrivateKey the CA's private key in PEM
     * @param clock the time source
     * @return the CA
     * @throws ConfigurationException when a file is unreadable or a key does not match its certificate
     */
    public static HubCertificateAuthority fromPem(Path serverChain, Path serverKey, Path caCertificate, Path caPrivateKey, InstantSource clock) {
        X509Certificate ca = PemFiles.readCertificates(caCertificate).get(0);
        PrivateKey key = PemFiles.readPrivateKey(caPrivateKey);
        KeyChecks.requireMatch(key, ca, caPrivateKey.toString(), caCertificate.toString());
        return new HubCertificateAuthority(new Material(ca, Optional.of(key), List.of(ca), serverIdentity(serverChain, serverKey, ca)),
                Optional.empty(), clock, new SecureRandom());
    }

    private static KeyMaterial serverIdentity(Path chainFile, Path keyFile, X509Certificate ca) {
        List<X509Certificate> chain = new ArrayList<>(PemFiles.readCertificates(chainFile));
        PrivateKey key = PemFiles.readPrivateKey(keyFile);
        KeyChecks.requireMatch(key, chain.get(0), keyFile.toString(), chainFile.toString());
        if (!chain.contains(ca) && KeyChecks.signedBy(chain.get(chain.size() - 1), ca)) {
            // peers that pin the CA look for it in the chain
            chain.add(ca);
        }
        return new KeyMaterial(key, chain);
    }

    /**
     * The SHA-256 fingerprint of the CA that signed the hub's server certificate, which workers and clients pin:
     * during a CA rotation, still the old CA's.
     *
     * @return the fingerprint
     */
    public CertificateFingerprint fingerprint() {
        return CertificateFingerprint.of(servingCa());
    }

    /**
     * The CA that signed the hub's server certificate: the signing CA, or during a CA rotation the one being retired.
     *
     * @return the certificate
     */
    public X509Certificate caCertificate() {
        return servingCa();
    }

    private X509Certificate servingCa() {
        Material now = material;
        X509Certificate last = now.server().certificateChain().get(now.server().certificateChain().size() - 1);
        // an operator's own chain is pinned by the CA file given with it, as before rotations existed
        return directory.isPresent() && last.getBasicConstraints() >= 0 ? last : now.ca();
    }

    /**
     * The CA that signs workers' certificates now.
     *
     * @return the certificate
     */
    public X509Certificate signingCaCertificate() {
        return material.ca();
    }

    /**
     * Every CA trusted for workers: the signing one, then during a rotation the one being retired.
     *
     * @return the CA certificates
     */
    public List<X509Certificate> trustedCaCertificates() {
        return material.trusted();
    }

    /**
     * The hub's key and certificate chain (server certificate, then the CA), for {@link TlsTransportConfig}.
     *
     * @return the server identity
     */
    public KeyMaterial serverKeyMaterial() {
        return material.server();
    }

    /**
     * Trust in the CA of the hub's server certificate, to verify the hub's certificate on a worker or client.
     *
     * @return the trust
     */
    public PeerTrust trust() {
        return PeerTrust.ca(servingCa());
    }

    /**
     * A server configuration with this CA's identity, trusting workers of every trusted CA, asking clients for
     * certificates ({@link ClientAuth#WANT}).
     *
     * @return the configuration, with defaults to adjust
     */
    public TlsTransportConfig serverConfig() {
        Material now = material;
        return TlsTransportConfig.server(now.server(), PeerTrust.workersOf(now.trusted()));
    }

    /**
     * A transport that listens with this CA's identity and trust as they are at each handshake: when the TLS
     * directory changes (a new server certificate, a CA rotation), new handshakes use what it holds, and
     * connections already made go on with theirs.
     *
     * @param tuning changes to the server configuration (limits, TLS 1.2, handshakes per source)
     * @return the transport, which the caller closes
     */
    public TlsTransport reloadingTransport(UnaryOperator<TlsTransportConfig> tuning) {
        Objects.requireNonNull(tuning, "tuning must be given");
        return TlsTransport.reloading(() -> tuning.apply(serverConfig()), this::reloadedGeneration);
    }

    /**
     * Says whether this CA holds its key and can sign workers' certificates.
     *
     * @return false when the operator gave the certificates without the CA key
     */
    public boolean canSign() {
        return material.caKey().isPresent();
    }

    /**
     * Signs a certificate for a worker. The request's signature must verify (proving the worker holds the
     * key); its subject and extensions are ignored. The certificate says {@code CN=<node>}, is for client
     * authentication only, has a random 128-bit serial, and expires after {@code validity} or with the
     * CA, whichever is first.
     *
     * @param certificationRequest a PKCS#10 request, DER or PEM
     * @param node the name the hub chose for the worker
     * @param validity how long the certificate lasts; positive, at most {@link #MAX_WORKER_VALIDITY}
     * @return the certificate chain in PEM, with its serial and expiry
     * @throws io.resourcepool.api.ProtocolException when the request is malformed, badly signed or weak
     * @throws ConfigurationException when this CA has no key
     */
    public IssuedCertificate signWorkerCertificate(byte[] certificationRequest, NodeId node, Duration validity) {
        Objects.requireNonNull(certificationRequest, "certificationRequest must be given");
        Objects.requireNonNull(node, "node must be given");
        Objects.requireNonNull(validity, "validity must be given");
        if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_WORKER_VALIDITY) > 0) {
            throw new IllegalArgumentException("validity must be positive and at most " + MAX_WORKER_VALIDITY.toDays() + " days, was " + validity);
        }
        Material held = material;
        X509Certificate ca = held.ca();
        PrivateKey key = held.caKey().orElseThrow(() -> new ConfigurationException("this hub was given its certificates without the CA's key,"
                + " so it cannot sign worker certificates; give the CA key too, or issue worker certificates with your own CA"));
        PublicKey workerKey = CertificationRequests.verifiedKey(certificationRequest);
        Instant now = clock.instant();
        Instant until = now.plus(validity);
        Instant caEnd = ca.getNotAfter().toInstant();
        Validity period = new Validity(now.minus(HubTlsDirectory.BACKDATE), until.isAfter(caEnd) ? caEnd : until);
        X509Certificate cert = CertificateIssuer.client(workerKey, new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, node.value()).build(),
                new SigningCa(ca, key), period, CertificateIssuer.newSerial(random));
        return new IssuedCertificate(node, PemFiles.toPem(List.of(cert, ca)), cert.getSerialNumber().toString(16), cert.getNotAfter().toInstant());
    }

    /**
     * Signs a renewed certificate for a worker, as {@link #signWorkerCertificate} does, after checking that the
     * request names that node ({@code CN=<node>}): a worker renews its own certificate, never another's.
     *
     * @param certificationRequest a PKCS#10 request for the worker's new key, DER or PEM
     * @param node the node the requesting connection proved to be
     * @param validity how long the certificate lasts
     * @return the certificate chain in PEM, with its serial and expiry
     * @throws io.resourcepool.api.ProtocolException when the request names another node, is malformed, badly signed or weak
     */
    public IssuedCertificate renewWorkerCertificate(byte[] certificationRequest, NodeId node, Duration validity) {
        Objects.requireNonNull(certificationRequest, "certificationRequest must be given");
        Objects.requireNonNull(node, "node must be given");
        String named = CertificationRequests.commonName(certificationRequest);
        if (!named.equals(node.value())) {
            throw new io.resourcepool.api.ProtocolException("the renewal request names '" + named + "', but this connection is node "
                    + node + ": a worker renews only its own certificate");
        }
        return signWorkerCertificate(certificationRequest, node, validity);
    }

    /**
     * This CA as the hub engine uses it to enroll workers.
     *
     * @return the issuer
     */
    public io.resourcepool.api.spi.transport.CertificateIssuer issuer() {
        return new HubIssuer(this);
    }

    @Override
    public String toString() {
        return "HubCertificateAuthority[" + material.ca().getSubjectX500Principal().getName() + ", sha256 " + fingerprint()
                + (canSign() ? "" : ", cannot sign") + "]";
    }
}
