package io.resourcepool.testkit.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCertificatesTest {

    @Test
    void serverAndClientAreSignedByTheTestCa() throws Exception {
        X509Certificate ca = TestCertificates.ca();

        TestCertificates.server().certificate().verify(ca.getPublicKey());
        TestCertificates.client().certificate().verify(ca.getPublicKey());
        assertThat(TestCertificates.server().certificateChain()).hasSize(2).last().isEqualTo(ca);
    }

    @Test
    void unrelatedClientIsNotSignedByTheTestCa() throws Exception {
        X509Certificate rogue = TestCertificates.unrelatedClient().certificate();

        assertThatThrownBy(() -> rogue.verify(TestCertificates.ca().getPublicKey())).isInstanceOf(SignatureException.class);
        rogue.verify(TestCertificates.unrelatedCa().getPublicKey());
    }

    @Test
    void certificatesNameTheirSubjectsAndOutliveAnyTestRun() throws Exception {
        X509Certificate client = TestCertificates.client().certificate();
        X509Certificate server = TestCertificates.server().certificate();

        assertThat(client.getSubjectX500Principal().getName()).isEqualTo("CN=test-worker");
        assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(server.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1)))).contains("localhost", "127.0.0.1");
        client.checkValidity(Date.from(Instant.now().plus(365 * 50, ChronoUnit.DAYS)));
    }

    @Test
    void privateKeysLoadWithTheJdkAndMatchTheirCertificates() throws Exception {
        for (TestIdentity identity : new TestIdentity[] {TestCertificates.server(), TestCertificates.client(), TestCertificates.unrelatedClient()}) {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(identity.privateKey());
            signer.update(new byte[] {1, 2, 3});
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(identity.certificate());
            verifier.update(new byte[] {1, 2, 3});
            assertThat(verifier.verify(signature)).as(identity.name()).isTrue();
        }
    }

    @Test
    void fingerprintIsSha256OfTheCaInLowerCaseHex() {
        assertThat(TestCertificates.caFingerprintHex()).matches("[0-9a-f]{64}");
        assertThat(TestCertificates.caFingerprintHex()).isNotEqualTo(TestCertificates.fingerprintHex(TestCertificates.unrelatedCa()));
    }

    @Test
    void writesPemFilesThatReadBackTheSame(@TempDir Path dir) throws Exception {
        TestIdentity client = TestCertificates.client();

        assertThat(Files.readString(client.writeChain(dir))).isEqualTo(client.certificateChainPem());
        assertThat(Files.readString(client.writeKey(dir))).isEqualTo(client.privateKeyPem());
        assertThat(Files.readString(TestCertificates.writeCa(dir))).isEqualTo(TestCertificates.caPem());
        assertThat(client.toString()).doesNotContain("PRIVATE");
    }
}
