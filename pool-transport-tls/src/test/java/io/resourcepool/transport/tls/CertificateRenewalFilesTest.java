package io.resourcepool.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.KeySeal;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.ProtocolException;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.testkit.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker's renewal on disk (a new key and its certificate installed as one change, a torn install finished or
 * dropped at the next start), the hub's check that a renewal names the node asking, and a CA rotation's files.
 */
class CertificateRenewalFilesTest {
    private static final NodeId NODE = NodeId.of("gpu-box-3");

    @TempDir
    Path hubDir;

    @TempDir
    Path workerDir;

    private WorkerIdentity enrolled(HubCertificateAuthority ca) {
        WorkerIdentity worker = WorkerIdentity.openOrCreate(workerDir);
        worker.storeCertificate(ca.signWorkerCertificate(worker.certificationRequest(), NODE, Duration.ofDays(30)).certificateChainPem());
        return worker;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aRenewalInstallsANewKeyWithItsCertificateOwnerOnlyAndSurvivesARestart() throws Exception {
        HubCertificateAuthority ca = HubCertificateAuthority.openOrCreate(hubDir, ManualClock.start());
        WorkerIdentity worker = enrolled(ca);
        String oldKey = Files.readString(workerDir.resolve("tls/worker-key.pem"));

        IssuedCertificate renewed = ca.renewWorkerCertificate(ascii(worker.renewalRequest()), NODE, Duration.ofDays(30));
        worker.storeRenewal(renewed.certificateChainPem(), PemFiles.toPem(ca.trustedCaCertificates()));

        assertThat(Files.readString(workerDir.resolve("tls/worker-key.pem"))).isNotEqualTo(oldKey);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(workerDir.resolve("tls/worker-key.pem")))).isEqualTo("rw-------");
        assertThat(workerDir.resolve("tls/renewal.pem")).doesNotExist();
        WorkerIdentity restarted = WorkerIdentity.openOrCreate(workerDir);
        assertThat(restarted.keyMaterial()).hasValueSatisfying(km ->
                assertThat(km.certificate().getSerialNumber().toString(16)).isEqualTo(renewed.serialHex()));
        assertThat(restarted.hubCas()).containsExactly(ca.signingCaCertificate());
    }

    @Test
    void aRenewalWrittenWholeButNotInstalledIsFinishedAtTheNextStart() throws Exception {
        HubCertificateAuthority ca = HubCertificateAuthority.openOrCreate(hubDir, ManualClock.start());
        WorkerIdentity worker = enrolled(ca);
        String request = worker.renewalRequest();
        IssuedCertificate renewed = ca.renewWorkerCertificate(ascii(request), NODE, Duration.ofDays(30));
        worker.storeRenewal(renewed.certificateChainPem(), "");
        // as if the worker stopped after writing renewal.pem, before replacing the key and certificate
        String whole = Files.readString(workerDir.resolve("tls/worker-key.pem")) + Files.readString(workerDir.resolve("tls/worker.pem"));
        Files.writeString(workerDir.resolve("tls/renewal.pem"), whole);
        Files.writeString(workerDir.resolve("tls/worker-key.pem"), PemFiles.toPem(CertificateIssuer.newKeyPair().getPrivate()));

        WorkerIdentity restarted = WorkerIdentity.openOrCreate(workerDir);

        assertThat(restarted.keyMaterial()).hasValueSatisfying(km ->
                assertThat(km.certificate().getSerialNumber().toString(16)).isEqualTo(renewed.serialHex()));
        assertThat(workerDir.resolve("tls/renewal.pem")).doesNotExist();
    }

    @Test
    void aTornRenewalIsDroppedAndTheOldKeyAndCertificateStay() throws Exception {
        HubCertificateAuthority ca = HubCertificateAuthority.openOrCreate(hubDir, ManualClock.start());
        WorkerIdentity worker = enrolled(ca);
        String serial = worker.keyMaterial().orElseThrow().certificate().getSerialNumber().toString(16);
        Files.writeString(workerDir.resolve("tls/renewal.pem"), "-----BEGIN PRIVATE KEY-----\ntorn");

        WorkerIdentity restarted = WorkerIdentity.openOrCreate(workerDir);

        assertThat(restarted.keyMaterial().orElseThrow().certificate().getSerialNumber().toString(16)).isEqualTo(serial);
        assertThat(workerDir.resolve("tls/renewal.pem")).doesNotExist();
    }

    @Test
    void aRenewalForAnotherNodeIsRefused() {
        HubCertificateAuthority ca = HubCertificateAuthority.openOrCreate(hubDir, ManualClock.start());
        WorkerIdentity worker = enrolled(ca);
        byte[] request = ascii(worker.renewalRequest());

        assertThatThrownBy(() -> ca.renewWorkerCertificate(request, NodeId.of("someone-else"), Duration.ofDays(30)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("names 'gpu-box-3'").hasMessageContaining("only its own certificate");
    }

    @Test
    void aCertificateForAnotherKeyThanTheRenewalsIsRefused() {
        HubCertificateAuthority ca = HubCertificateAuthority.openOrCreate(hubDir, ManualClock.start());
        WorkerIdentity worker = enrolled(ca);
        worker.renewalRequest();
        String otherKeys = ca.signWorkerCertificate(worker.certificationRequest(), NODE, Duration.ofDays(30)).certificateChainPem();

        assertThatThrownBy(() -> worker.storeRenewal(otherKeys, "")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("another key");
    }

    @Test
    void aRotationTrustsBothCasAndKeepsServingWithTheOldUntilRetired() {
        HubCertificateAuthority ca = HubCertificateAuthority.openOrCreate(hubDir, InstantSource.system());
        CertificateFingerprint old = ca.fingerprint();

        CertificateFingerprint fresh = CaRotation.rotate(hubDir, InstantSource.system(), KeySeal.none());
        assertThatThrownBy(() -> CaRotation.rotate(hubDir, InstantSource.system(), KeySeal.none()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("under way already");
        assertThat(ca.reloadIfChanged()).isTrue();

        assertThat(CertificateFingerprint.of(ca.signingCaCertificate())).isEqualTo(fresh);
        assertThat(ca.trustedCaCertificates()).hasSize(2);
        assertThat(ca.fingerprint()).isEqualTo(old);
        assertThat(hubDir.resolve("tls/ca-retiring.pem")).exists();

        assertThat(CaRotation.retire(hubDir, InstantSource.system(), KeySeal.none())).isEqualTo(old);
        assertThat(ca.reloadIfChanged()).isTrue();
        assertThat(ca.fingerprint()).isEqualTo(fresh);
        assertThat(ca.trustedCaCertificates()).containsExactly(ca.signingCaCertificate());
        assertThat(ca.reloadIfChanged()).isFalse();
        assertThatThrownBy(() -> CaRotation.retire(hubDir, InstantSource.system(), KeySeal.none()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("no CA rotation is under way");
    }
}
