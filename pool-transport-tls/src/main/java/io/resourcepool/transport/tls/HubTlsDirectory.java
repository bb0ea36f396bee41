package io.resourcepool.transport.tls;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.KeySeal;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.api.spi.transport.KeyMaterial;
import io.resourcepool.transport.tls.CertificateIssuer.SigningCa;
import io.resourcepool.transport.tls.CertificateIssuer.Validity;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's own CA and server certificate in {@code DATA/tls/}: {@code ca-key.pem}, {@code ca.pem},
 * {@code hub-key.pem}, {@code hub.pem}. The CA is made once and never replaced behind the operator's back:
 * workers pin it. The server certificate is replaceable, so it is issued again when missing, not signed
 * by a CA the hub trusts, or close to expiry.
 *
 * <p>While the operator rotates the CA ({@link #rotate}), the CA being retired is kept in {@code ca-retiring.pem}
 * (its certificate only): the hub still trusts it, and still serves with a server certificate it signed, until
 * {@link #retire} removes it.
 */
final class HubTlsDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(HubTlsDirectory.class);
    static final String CA_KEY = "ca-key.pem";
    static final String CA_CERT = "ca.pem";
    static final String HUB_KEY = "hub-key.pem";
    static final String HUB_CERT = "hub.pem";
    static final String RETIRING_CA_CERT = "ca-retiring.pem";
    private static final List<String> FILES = List.of(CA_KEY, CA_CERT, HUB_KEY, HUB_CERT, RETIRING_CA_CERT);
    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    static final Duration SERVER_VALIDITY = Duration.ofDays(730);
    /** A server certificate this close to expiry is replaced at start-up. */
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    /** Back-dating covers clocks that run a little behind the hub's. */
    static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final Pattern DNS_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})");

    private final Path dir;
    private final InstantSource clock;
    private final SecureRandom random;
    private final KeySeal seal;

    HubTlsDirectory(Path dataDir, InstantSource clock, SecureRandom random, KeySeal seal) {
        this.dir = dataDir.resolve("tls");
        this.clock = clock;
        this.random = random;
        this.seal = seal;
    }

    /** Reads a private key that may be sealed, and seals it in place when a seal is given and it is not yet. */
    private PrivateKey readKey(Path keyFile) {
        OwnerOnlyFiles.tighten(keyFile);
        byte[] stored;
        try {
            stored = Files.readAllBytes(keyFile);
        } catch (java.io.IOException e) {
            throw new ConfigurationException("cannot read " + keyFile + ": " + e.getMessage(), e);
        }
        String pem = new String(seal.open(keyFile.getFileName().toString(), stored), StandardCharsets.US_ASCII);
        PrivateKey key = PemFiles.parsePrivateKey(pem, keyFile.toString());
        if (seal.seals() && !KeySeal.isSealed(stored)) {
            writeKey(keyFile, key);
            LOG.info("sealed the key file {}", keyFile);
        }
        return key;
    }

    private void writeKey(Path keyFile, PrivateKey key) {
        byte[] pem = PemFiles.toPem(key).getBytes(StandardCharsets.US_ASCII);
        OwnerOnlyFiles.write(keyFile, new String(seal.seal(keyFile.getFileName().toString(), pem), StandardCharsets.US_ASCII));
    }

    SigningCa openOrCreateCa() {
        OwnerOnlyFiles.directory(dir);
        Path key = dir.resolve(CA_KEY);
        Path cert = dir.resolve(CA_CERT);
        if (Files.exists(key) && Files.exists(cert)) {
            return loadCa(key, cert);
        }
        if (Files.exists(key) || Files.exists(cert)) {
            Path missing = Files.exists(key) ? cert : key;
            throw new ConfigurationException("the hub's CA in " + dir + " is incomplete: " + missing.getFileName() + " is missing."
                    + " Restore it from a backup, or move both " + CA_KEY + " and " + CA_CERT + " away to make a new CA"
                    + " (every worker will then have to enrol again)");
        }
        return createCa(key, cert);
    }

    private SigningCa loadCa(Path keyFile, Path certFile) {
        PrivateKey key = readKey(keyFile);
        X509Certificate cert = PemFiles.readCertificates(certFile).get(0);
        KeyChecks.requireMatch(key, cert, keyFile.toString(), certFile.toString());
        if (!KeyChecks.validAt(cert, clock.instant())) {
            throw new ConfigurationException("the hub's CA certificate " + certFile + " is not valid now (valid "
                    + cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant() + "); check the clock, or make a new CA");
        }
        return new SigningCa(cert, key);
    }

    private SigningCa createCa(Path keyFile, Path certFile) {
        KeyPair keys = CertificateIssuer.newKeyPair();
        Instant now = clock.instant();
        String tag = HexFormat.of().formatHex(CertificateIssuer.newSerial(random).toByteArray(), 1, 5);
        X500Name subject = name("ResourcePool hub CA " + tag);
        X509Certificate cert = CertificateIssuer.selfSignedCa(keys, subject, new Validity(now.minus(BACKDATE), now.plus(CA_VALIDITY)),
                CertificateIssuer.newSerial(random));
        writeKey(keyFile, keys.getPrivate());
        OwnerOnlyFiles.write(certFile, PemFiles.toPem(List.of(cert)));
        LOG.info("created the hub's certificate authority in {} (sha256 fingerprint {})", dir, CertificateFingerprint.of(cert));
        return new SigningCa(cert, keys.getPrivate());
    }

    /** The CA being retired, while a rotation is under way. */
    java.util.Optional<X509Certificate> retiringCa() {
        Path file = dir.resolve(RETIRING_CA_CERT);
        return Files.exists(file) ? java.util.Optional.of(PemFiles.readCertificates(file).get(0)) : java.util.Optional.empty();
    }

    /**
     * The server certificate, kept when a trusted CA signed it (the retiring one too, so workers that know only the
     * old CA still trust the hub during a rotation) and it is not close to expiry; issued anew by the signing CA
     * otherwise.
     */
    KeyMaterial openOrIssueServer(SigningCa ca, List<X509Certificate> trusted) {
        Path keyFile = dir.resolve(HUB_KEY);
        Path certFile = dir.resolve(HUB_CERT);
        if (Files.exists(keyFile) && Files.exists(certFile)) {
            PrivateKey key = readKey(keyFile);
            List<X509Certificate> chain = PemFiles.readCertificates(certFile);
            X509Certificate leaf = chain.get(0);
            java.util.Optional<X509Certificate> signer = trusted.stream().filter(c -> KeyChecks.signedBy(leaf, c)).findFirst();
            if (KeyChecks.belongTogether(key, leaf.getPublicKey()) && signer.isPresent()
                    && KeyChecks.validAt(leaf, clock.instant().plus(RENEW_BEFORE))) {
                return new KeyMaterial(key, List.of(leaf, signer.get()));
            }
            LOG.info("the hub's server certificate in {} is expiring, invalid or not from a trusted CA; issuing a new one", certFile);
        }
        return issueServer(ca, keyFile, certFile);
    }

    KeyMaterial openOrIssueServer(SigningCa ca) {
        return openOrIssueServer(ca, List.of(ca.certificate()));
    }

    /**
     * Starts a CA rotation: the signing CA's certificate becomes {@code ca-retiring.pem} (its key is deleted: it signs
     * nothing more) and a new CA is made in {@code ca.pem} and {@code ca-key.pem}.
     *
     * @return the new CA
     * @throws ConfigurationException when a rotation is under way already, or there is no CA to rotate
     */
    SigningCa rotate() {
        Path retiring = dir.resolve(RETIRING_CA_CERT);
        if (Files.exists(retiring)) {
            throw new ConfigurationException("a CA rotation is under way already (" + retiring + " exists): retire the old CA first,"
                    + " once every worker has renewed from the new one");
        }
        SigningCa old = openOrCreateCa();
        OwnerOnlyFiles.write(retiring, PemFiles.toPem(List.of(old.certificate())));
        SigningCa fresh = createCa(dir.resolve(CA_KEY), dir.resolve(CA_CERT));
        LOG.info("rotating the hub's CA: {} signs from now on; {} is trusted until it is retired",
                CertificateFingerprint.of(fresh.certificate()), CertificateFingerprint.of(old.certificate()));
        return fresh;
    }

    /**
     * Ends a CA rotation: the old CA is no longer trusted, and the server certificate it signed is replaced by one
     * from the new CA on the next load.
     *
     * @return the retired CA
     * @throws ConfigurationException when no rotation is under way
     */
    X509Certificate retire() {
        Path retiring = dir.resolve(RETIRING_CA_CERT);
        if (!Files.exists(retiring)) {
            throw new ConfigurationException("no CA rotation is under way (" + retiring + " does not exist): nothing to retire");
        }
        X509Certificate old = PemFiles.readCertificates(retiring).get(0);
        try {
            Files.delete(retiring);
        } catch (java.io.IOException e) {
            throw new ConfigurationException("cannot delete " + retiring + ": " + e.getMessage(), e);
        }
        LOG.info("retired the hub's old CA {}", CertificateFingerprint.of(old));
        return old;
    }

    /**
     * What the files look like now (name, size and modification time of each), to tell cheaply whether an operator
     * or a rotation changed them.
     */
    List<String> stamp() {
        List<String> stamp = new ArrayList<>();
        for (String name : FILES) {
            Path file = dir.resolve(name);
            try {
                stamp.add(name + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis());
            } catch (java.io.IOException e) {
                stamp.add(name + ":absent");
            }
        }
        return stamp;
    }

    private KeyMaterial issueServer(SigningCa ca, Path keyFile, Path certFile) {
        KeyPair keys = CertificateIssuer.newKeyPair();
        Instant now = clock.instant();
        Instant until = now.plus(SERVER_VALIDITY);
        Instant caEnd = ca.certificate().getNotAfter().toInstant();
        Validity validity = new Validity(now.minus(BACKDATE), until.isAfter(caEnd) ? caEnd : until);
        String host = hostName();
        X509Certificate cert = CertificateIssuer.server(keys.getPublic(), name(host), subjectAltNames(host), ca, validity,
                CertificateIssuer.newSerial(random));
        writeKey(keyFile, keys.getPrivate());
        OwnerOnlyFiles.write(certFile, PemFiles.toPem(List.of(cert, ca.certificate())));
        return new KeyMaterial(keys.getPrivate(), List.of(cert, ca.certificate()));
    }

    private static List<GeneralName> subjectAltNames(String host) {
        List<GeneralName> names = new ArrayList<>(List.of(
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1")));
        if (!"localhost".equals(host)) {
            names.add(new GeneralName(GeneralName.dNSName, host));
        }
        return names;
    }

    /** The machine's name, when it is one a certificate can carry; host names only decorate, nothing checks them. */
    private static String hostName() {
        try {
            String host = InetAddress.getLocalHost().getHostName();
            return DNS_NAME.matcher(host).matches() ? host : "localhost";
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "ResourcePool").addRDN(BCStyle.CN, commonName).build();
    }
}
