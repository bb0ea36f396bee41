package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.launcher.PoolCli.Outcome;
import io.resourcepool.transport.tls.HubCertificateAuthority;
import io.resourcepool.transport.tls.PemFiles;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pool admin ca rotate} and {@code retire} on a hub's data directory: the new fingerprint is printed, the old
 * CA is kept as {@code ca-retiring.pem} until retired, and a step out of order is refused with what to do.
 * (CaRotationTest in pool-core runs the rotation under a running hub with workers connected.)
 */
class CaCommandTest {
    @TempDir
    Path dir;

    @Test
    void rotatePrintsTheNewFingerprintAndRetireEndsTheOverlap() {
        Path hub = dir.resolve("hub");
        CertificateFingerprint old = HubCertificateAuthority.openOrCreate(hub, InstantSource.system()).fingerprint();

        Outcome rotated = new PoolCli(null, dir).run("admin", "ca", "rotate", "--data-dir", hub.toString());
        assertThat(rotated.exitCode()).as(rotated.toString()).isZero();
        CertificateFingerprint fresh = CertificateFingerprint.of(PemFiles.readCertificates(hub.resolve("tls/ca.pem")).get(0));
        assertThat(fresh).isNotEqualTo(old);
        assertThat(rotated.out()).contains("new hub CA fingerprint: " + fresh, "pool admin ca retire");
        assertThat(CertificateFingerprint.of(PemFiles.readCertificates(hub.resolve("tls/ca-retiring.pem")).get(0))).isEqualTo(old);

        Outcome again = new PoolCli(null, dir).run("admin", "ca", "rotate", "--data-dir", hub.toString());
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(2);
        assertThat(again.err()).contains("under way already", "retire the old CA first");

        Outcome retired = new PoolCli(null, dir).run("admin", "ca", "retire", "--data-dir", hub.toString());
        assertThat(retired.exitCode()).as(retired.toString()).isZero();
        assertThat(retired.out()).contains("retired the old hub CA " + old);
        assertThat(hub.resolve("tls/ca-retiring.pem")).doesNotExist();
        assertThat(HubCertificateAuthority.openOrCreate(hub, InstantSource.system()).fingerprint()).isEqualTo(fresh);
    }
}
