package io.resourcepool.transport.tls;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.KeySeal;
import io.resourcepool.api.NodeId;
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
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The hub's certificate authority: it identifies the hub to workers and clients (who pin its fingerprint),
 * gives the hub its server certificate, and signs the certificates workers use for mutual TLS.
 *
 * <p>By default it lives in the hub's data directory ({@link #openOrCreate}); an operator may instead give
 * PEM files ({@link #fromPem}), with or without the CA's key (without it, this hub cannot enrol workers).
 * Keys are ECDSA P-256. The subject a worker asks for in its request is ignored: the hub decides who the
 * worker is.
 */
public final class HubCertificateAuthority {
    /** Longest worker certificate this CA signs. */
    public static final Duration MAX_WORKER_VALIDITY = Duration.ofDays(3650);

    private final X509Certificate ca;
    private final Optional<PrivateKey> caKey;
    private final KeyMaterial server;
    private final InstantSource clock;
    private final SecureRandom random;

    private HubCertificateAuthority(X509Certificate ca, Optional<PrivateKey> caKey, KeyMaterial server, InstantSource clock, SecureRandom random) {
        this.ca = ca;
        this.caKey = caKey;
        this.server = server;
        this.clock = clock;
        this.random = random;
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
        SigningCa signing = directory.openOrCreateCa();
        KeyMaterial server = directory.openOrIssueServer(signing);
        return new HubCertificateAuthority(signing.certificate(), Optional.of(signing.key()), server, clock, random);
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
        return new HubCertificateAuthority(ca, Optional.empty(), serverIdentity(serverChain, serverKey, ca), clock, new SecureRandom());
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
        return new HubCertificateAuthority(ca, Optional.of(key), serverIdentity(serverChain, serverKey, ca), clock, new SecureRandom());
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
     * The SHA-256 fingerprint of the CA certificate, which workers and clients pin.
     *
     * @return the fingerprint
     */
    public CertificateFingerprint fingerprint() {
        return CertificateFingerprint.of(ca);
    }

    /**
     * The CA certificate.
     *
     * @return the certificate
     */
    public X509Certificate caCertificate() {
        return ca;
    }

    /**
     * The hub's key and certificate chain (server certificate, then the CA), for {@link TlsTransportConfig}.
     *
     * @return the server identity
     */
    public KeyMaterial serverKeyMaterial() {
        return server;
    }

    /**
     * Trust in this CA, to verify workers' certificates on the hub or the hub's on a worker.
     *
     * @return the trust
     */
    public PeerTrust trust() {
        return PeerTrust.ca(ca);
    }

    /**
     * A server configuration with this CA's identity and trust, asking clients for certificates
     * ({@link ClientAuth#WANT}).
     *
     * @return the configuration, with defaults to adjust
     */
    public TlsTransportConfig serverConfig() {
        return TlsTransportConfig.server(server, trust());
    }

    /**
     * Says whether this CA holds its key and can sign workers' certificates.
     *
     * @return false when the operator gave the certificates without the CA key
     */
    public boolean canSign() {
        return caKey.isPresent();
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
        PrivateKey key = caKey.orElseThrow(() -> new ConfigurationException("this hub was given its certificates without the CA's key,"
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
     * This CA as the hub engine uses it to enroll workers.
     *
     * @return the issuer
     */
    public io.resourcepool.api.spi.transport.CertificateIssuer issuer() {
        return new HubIssuer(this);
    }

    @Override
    public String toString() {
        return "HubCertificateAuthority[" + ca.getSubjectX500Principal().getName() + ", sha256 " + fingerprint()
                + (canSign() ? "" : ", cannot sign") + "]";
    }
}
