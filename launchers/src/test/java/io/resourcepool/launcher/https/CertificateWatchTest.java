package io.resourcepool.launcher.https;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.http.server.CertificateWatch;
import io.resourcepool.http.server.CertificateWatch.Outcome;
import io.resourcepool.transport.tls.CertificateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch behind the HTTPS port serves a renewal once its files change and pass the checks, and keeps the current
 * certificate when they do not (a renewal caught half-written, an expired one), checked here one step at a time.
 */
class CertificateWatchTest {
    @TempDir
    Path dir;

    private final OperatorCa operatorCa = new OperatorCa();

    private CertificateFiles files() {
        return new CertificateFiles(dir.resolve("live/fullchain.pem"), dir.resolve("live/privkey.pem"));
    }

    @Test
    void unchangedFilesAreLeftAlone() {
        X509Certificate first = operatorCa.issue(dir.resolve("live"));
        CertificateWatch watch = new CertificateWatch(files(), InstantSource.system(), Duration.ZERO);

        assertThat(watch.check()).isEqualTo(Outcome.UNCHANGED);
        assertThat(watch.served().certificate()).isEqualTo(first);
    }

    @Test
    void aRenewalCaughtHalfWrittenIsServedOnceItsKeyFollows() throws Exception {
        operatorCa.issue(dir.resolve("live"));
        X509Certificate first = operatorCa.issue(dir.resolve("live"));
        CertificateWatch watch = new CertificateWatch(files(), InstantSource.system(), Duration.ZERO);
        X509Certificate renewed = operatorCa.issue(dir.resolve("next"));

        Files.copy(dir.resolve("next/fullchain.pem"), dir.resolve("live/fullchain.pem"), StandardCopyOption.REPLACE_EXISTING);
        OperatorCertificateTest.later(dir.resolve("live/fullchain.pem"));
        assertThat(watch.check()).isEqualTo(Outcome.REFUSED);
        assertThat(watch.served().certificate()).isEqualTo(first);

        Files.copy(dir.resolve("next/privkey.pem"), dir.resolve("live/privkey.pem"), StandardCopyOption.REPLACE_EXISTING);
        OperatorCertificateTest.later(dir.resolve("live/privkey.pem"));
        assertThat(watch.check()).isEqualTo(Outcome.RELOADED);
        assertThat(watch.served().certificate()).isEqualTo(renewed);
        assertThat(watch.check()).isEqualTo(Outcome.UNCHANGED);
    }

    @Test
    void anExpiredRenewalIsNotServed() throws Exception {
        X509Certificate first = operatorCa.issue(dir.resolve("live"));
        CertificateWatch watch = new CertificateWatch(files(), InstantSource.system(), Duration.ZERO);
        Instant now = Instant.now();

        operatorCa.issue(dir.resolve("live"), now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)), OperatorCa.KeyForm.EC_PKCS8);
        OperatorCertificateTest.later(dir.resolve("live/fullchain.pem"), dir.resolve("live/privkey.pem"));

        assertThat(watch.check()).isEqualTo(Outcome.REFUSED);
        assertThat(watch.served().certificate()).isEqualTo(first);
    }

    @Test
    void aCertificateNotValidYetIsRefusedAtStartPointingAtTheClock() {
        Instant now = Instant.now();
        operatorCa.issue(dir.resolve("live"), now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)), OperatorCa.KeyForm.EC_PKCS8);

        assertThatThrownBy(() -> new CertificateWatch(files(), InstantSource.system(), Duration.ZERO)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("not valid yet").hasMessageContaining("clock");
    }
}
