package io.resourcepool.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.ProtocolException;
import io.resourcepool.testkit.certs.TestCertificates;
import io.resourcepool.testkit.time.ManualClock;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubCertificateAuthorityTest {
    private static final List<String> FILES = List.of("ca-key.pem", "ca.pem", "hub-key.pem", "hub.pem");

    @TempDir
    Path dataDir;

    private final ManualClock clock = ManualClock.start();

    private Map<String, String> tlsFiles() throws Exception {
        try (Stream<Path> files = Files.list(dataDir.resolve("tls"))) {
            return files.collect(Collectors.toMap(f -> f.getFileName().toString(), f -> read(f)));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] request(String subject) {
        KeyPair keys = CertificateIssuer.newKeyPair();
        return Der.of(CertificationRequests.create(keys, new X500Name(subject)));
    }

    @Test
    void firstStartWritesOwnerOnlyFilesInAnOwnerOnlyDirectory() throws Exception {
        HubCertificateAuthority.openOrCreate(dataDir, clock);

        Path tls = dataDir.resolve("tls");
        assertThat(tlsFiles()).containsOnlyKeys(FILES);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls))).isEqualTo("rwx------");
        for (String key : List.of("ca-key.pem", "hub-key.pem")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve(key)))).as(key).isEqualTo("rw-------");
            assertThat(Files.readString(tls.resolve(key))).startsWith("-----BEGIN PRIVATE KEY-----");
        }
    }

    @Test
    void secondStartLoadsTheSameCaAndServerCertificateUnchanged() throws Exception {
        HubCertificateAuthority first = HubCertificateAuthority.openOrCreate(dataDir, clock);
        Map<String, String> written = tlsFiles();

        clock.advance(Duration.ofDays(100));
        HubCertificateAuthority second = HubCertificateAuthority.openOrCreate(dataDir, clock);

        assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(second.serverKeyMaterial().certificate()).isEqualTo(first.serverKeyMaterial().certificate());
        assertThat(tlsFiles()).isEqualTo(written);
    }

    @Test
    void caLastsTenYearsAndTheServerCertificateNamesLocalAddresses() throws Exception {
        HubCertificateAuthority ca = HubCertificateAuthority.openOrCreate(dataDir, clock);
        X509Certificate server = ca.serverKeyMaterial().certificate();

        assertThat(ca.caCertificate().getNotAfter()).isEqualTo(Date.from(clock.instant().plus(Duration.ofDays(3650))));
        assertThat(ca.caCertificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(server.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))))
                .contains("localhost", "127.0.0.1")
                .anySatisfy(ip -> assertThat(ip).matches("0:0:0:0:0:0:0:1|::1"));
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(ca.serverKeyMaterial().certificateChain()).containsExactly(server, ca.caCertificate());
        server.verify(ca.caCertificate().getPublicKey());
    }

    @Test
    void serverCertificateCloseToExpiryIsIssuedAgainUnderTheSameCa() {
        HubCertificateAuthority first = HubCertificateAuthority.openOrCreate(dataDir, clock);

        clock.advance(Duration.ofDays(710));
        HubCertificateAuthority later = HubCertificateAuthority.openOrCreate(dataDir, clock);

        assertThat(later.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(later.serverKeyMaterial().certificate().getSerialNumber())
                .isNotEqualTo(first.serverKeyMaterial().certificate().getSerialNumber());
    }

    @Test
    void missingCaKeyIsReportedNotReplaced() throws Exception {
        HubCertificateAuthority.openOrCreate(dataDir, clock);
        Files.delete(dataDir.resolve("tls/ca-key.pem"));

        assertThatThrownBy(() -> HubCertificateAuthority.openOrCreate(dataDir, clock))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ca-key.pem is missing");
        assertThat(dataDir.resolve("tls/ca-key.pem")).doesNotExist();
    }

    @Test
    void requestedSubjectIsIgnoredAndTheNodeNameIssued() throws Exception {
        HubCertificateAuthority ca = HubCertificateAuthority.openOrCreate(dataDir, clock);

        IssuedCertificate issued = ca.signWorkerCertificate(request("CN=admin, O=Evil"), NodeId.of("node-7"), Duration.ofDays(90));

        X509Certificate cert = PemFiles.parseCertificates(issued.certificateChainPem(), "issued").get(0);
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=node-7");
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getNotAfter()).isEqualTo(Date.from(clock.instant().plus(Duration.ofDays(90))));
        assertThat(issued.serialHex()).isEqualTo(cert.getSerialNumber().toString(16));
        assertThat(cert.getSerialNumber()).isPositive().satisfies(serial -> assertThat(serial.bitLength()).isEqualTo(128));
        cert.verify(ca.caCertificate().getPublicKey());
    }

    @Test
    void serialsAreRandom() {
        HubCertificateAuthority ca = HubCertificateAuthority.openOrCreate(dataDir, clock);
        byte[] csr = request("CN=worker");

        BigInteger a = new BigInteger(ca.signWorkerCertificate(csr, NodeId.of("a"), Duration.ofDays(1)).serialHex(), 16);
        BigInteger b = new BigInteger(ca.signWorkerCertificate(csr, NodeId.of("b"), Duration.ofDays(1)).serialHex(), 16);

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void requestInPemIsAcceptedToo() {
        HubCertificateAuthority ca = HubCertificateAuthority.openOrCreate(dataDir, clock);
        String pem = PemFiles.toPem(CertificationRequests.create(CertificateIssuer.newKeyPair(), new X500Name("CN=w")));

        IssuedCertificate issued = ca.signWorkerCertificate(pem.getBytes(StandardCharsets.US_ASCII), NodeId.of("node-2"), Duration.ofDays(1));

        assertThat(issued.node()).isEqualTo(NodeId.of("node-2"));
    }

    @Test
    void requestWithABrokenSignatureIsRefused() {
        HubCertificateAuthority ca = HubCertificateAuthority.openOrCreate(dataDir, clock);
        byte[] csr = request("CN=worker");
        csr[csr.length - 5] ^= 0x01;

        assertThatThrownBy(() -> ca.signWorkerCertificate(csr, NodeId.of("node-1"), Duration.ofDays(1)))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void garbageIsNotARequest() {
        HubCertificateAuthority ca = HubCertificateAuthority.openOrCreate(dataDir, clock);

        assertThatThrownBy(() -> ca.signWorkerCertificate("not a csr".getBytes(StandardCharsets.US_ASCII), NodeId.of("n"), Duration.ofDays(1)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void operatorCertificatesWithoutTheCaKeyServeButCannotSign(@TempDir Path given) {
        Path chain = TestCertificates.server().writeChain(given);
        Path key = TestCertificates.server().writeKey(given);
        Path caFile = TestCertificates.writeCa(given);

        HubCertificateAuthority ca = HubCertificateAuthority.fromPem(chain, key, caFile, clock);

        assertThat(ca.canSign()).isFalse();
        assertThat(ca.fingerprint().hex()).isEqualTo(TestCertificates.caFingerprintHex());
        assertThat(ca.serverKeyMaterial().certificate()).isEqualTo(TestCertificates.server().certificate());
        assertThatThrownBy(() -> ca.signWorkerCertificate(request("CN=w"), NodeId.of("n"), Duration.ofDays(1)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("without the CA's key");
    }

    @Test
    void operatorKeyThatDoesNotMatchItsCertificateIsRefused(@TempDir Path given) {
        Path chain = TestCertificates.server().writeChain(given);
        Path wrongKey = TestCertificates.client().writeKey(given);
        Path caFile = TestCertificates.writeCa(given);

        assertThatThrownBy(() -> HubCertificateAuthority.fromPem(chain, wrongKey, caFile, clock))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("does not belong to the certificate");
    }
}
