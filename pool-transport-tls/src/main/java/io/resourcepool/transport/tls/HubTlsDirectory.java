package io.resourcepool.transport.tls;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.KeySeal;
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
 * by the CA, or close to expiry.
 */
final class HubTlsDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(HubTlsDirectory.class);
    static final String CA_KEY = "ca-key.pem";
    static final String CA_CERT = "ca.pem";
    static final String HUB_KEY = "hub-key.pem";
    static final String HUB_CERT = "hub.pem";
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

    KeyMaterial openOrIssueServer(SigningCa ca) {
        Path keyFile = dir.resolve(HUB_KEY);
        Path certFile = dir.resolve(HUB_CERT);
        if (Files.exists(keyFile) && Files.exists(certFile)) {
            PrivateKey key = readKey(keyFile);
            List<X509Certificate> chain = PemFiles.readCertificates(certFile);
            X509Certificate leaf = chain.get(0);
            if (KeyChecks.belongTogether(key, leaf.getPublicKey()) && KeyChecks.signedBy(leaf, ca.certificate())
                    && KeyChecks.validAt(leaf, clock.instant().plus(RENEW_BEFORE))) {
                return new KeyMaterial(key, List.of(leaf, ca.certificate()));
            }
            LOG.info("the hub's server certificate in {} is expiring, invalid or not from this CA; issuing a new one", certFile);
        }
        return issueServer(ca, keyFile, certFile);
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
