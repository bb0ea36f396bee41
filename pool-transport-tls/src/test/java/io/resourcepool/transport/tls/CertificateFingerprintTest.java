package io.resourcepool.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.testkit.certs.TestCertificates;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CertificateFingerprintTest {
    private final CertificateFingerprint fingerprint = CertificateFingerprint.of(TestCertificates.ca());

    @Test
    void printsLowerCaseHexPairsWithColons() {
        assertThat(fingerprint.toString()).matches("([0-9a-f]{2}:){31}[0-9a-f]{2}");
        assertThat(fingerprint.hex()).isEqualTo(TestCertificates.caFingerprintHex());
    }

    @Test
    void parsesItsOwnFormPlainHexAndOpensslOutput() {
        String openssl = "sha256 Fingerprint=" + fingerprint.toString().toUpperCase(Locale.ROOT);

        assertThat(CertificateFingerprint.parse(fingerprint.toString())).isEqualTo(fingerprint);
        assertThat(CertificateFingerprint.parse(fingerprint.hex())).isEqualTo(fingerprint);
        assertThat(CertificateFingerprint.parse(openssl)).isEqualTo(fingerprint);
    }

    @Test
    void refusesWhatIsNotADigest() {
        assertThatThrownBy(() -> CertificateFingerprint.parse("abc123")).isInstanceOf(ConfigurationException.class).hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> new CertificateFingerprint("G".repeat(64))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hex");
    }

    @Test
    void matchesOnlyItsCertificate() {
        assertThat(fingerprint.matches(TestCertificates.ca())).isTrue();
        assertThat(fingerprint.matches(TestCertificates.unrelatedCa())).isFalse();
    }
}
