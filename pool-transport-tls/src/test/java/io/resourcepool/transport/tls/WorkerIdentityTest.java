package io.resourcepool.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.NodeId;
import io.resourcepool.testkit.certs.TestCertificates;
import io.resourcepool.testkit.time.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerIdentityTest {
    @TempDir
    Path hubDir;

    @TempDir
    Path workerDir;

    @Test
    void newWorkerHasAnOwnerOnlyKeyAndNoCertificateYet() throws Exception {
        WorkerIdentity worker = WorkerIdentity.openOrCreate(workerDir);

        Path key = workerDir.resolve("tls/worker-key.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(worker.keyMaterial()).isEmpty();
        assertThat(worker.nodeId()).isEmpty();
    }

    @Test
    void enrolledWorkerKeepsItsNameAndCertificateAcrossRestarts() {
        HubCertificateAuthority ca = HubCertificateAuthority.openOrCreate(hubDir, ManualClock.start());
        WorkerIdentity worker = WorkerIdentity.openOrCreate(workerDir);
        IssuedCertificate issued = ca.signWorkerCertificate(worker.certificationRequest(), NodeId.of("gpu-box-3"), Duration.ofDays(30));

        worker.storeCertificate(issued.certificateChainPem());
        WorkerIdentity restarted = WorkerIdentity.openOrCreate(workerDir);

        assertThat(restarted.nodeId()).contains(NodeId.of("gpu-box-3"));
        assertThat(restarted.keyMaterial()).hasValueSatisfying(km -> {
            assertThat(km.certificate().getSerialNumber().toString(16)).isEqualTo(issued.serialHex());
            assertThat(km.certificateChain()).hasSize(2).last().isEqualTo(ca.caCertificate());
        });
    }

    @Test
    void workerRestartedBeforeEnrolmentRequestsWithTheSameKey() throws Exception {
        WorkerIdentity first = WorkerIdentity.openOrCreate(workerDir);
        WorkerIdentity restarted = WorkerIdentity.openOrCreate(workerDir);

        assertThat(new PKCS10CertificationRequest(restarted.certificationRequest()).getSubjectPublicKeyInfo())
                .isEqualTo(new PKCS10CertificationRequest(first.certificationRequest()).getSubjectPublicKeyInfo());
        assertThat(restarted.certificationRequestPem()).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
    }

    @Test
    void certificateForAnotherKeyIsRefused() {
        WorkerIdentity worker = WorkerIdentity.openOrCreate(workerDir);

        assertThatThrownBy(() -> worker.storeCertificate(TestCertificates.client().certificateChainPem()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("another key");
        assertThat(workerDir.resolve("tls/worker.pem")).doesNotExist();
    }
}
