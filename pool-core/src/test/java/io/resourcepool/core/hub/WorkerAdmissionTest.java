package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.NotFoundException;
import io.resourcepool.api.Secret;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.transport.KeyMaterial;
import io.resourcepool.core.auth.JoinTokens;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.protocol.ControlMessage;
import io.resourcepool.core.protocol.EnrolmentMessage;
import io.resourcepool.core.protocol.ErrorCode;
import io.resourcepool.core.protocol.HandshakeMessage;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.Message;
import io.resourcepool.core.protocol.MessageChannel;
import io.resourcepool.core.protocol.NodeMessage;
import io.resourcepool.core.protocol.WireResources;
import io.resourcepool.transport.tls.HubCertificateAuthority;
import io.resourcepool.transport.tls.WorkerIdentity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Machines that try to join without the right to, over real TLS: no certificate, a certificate from another
 * CA, join tokens that are unknown, expired, spent or revoked, and a node an admin removed. Each is refused and closed while a well-behaved
 * client is served; every refused token gets the same answer, so a prober learns nothing from it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WorkerAdmissionTest {
    private static final WireResources RESOURCES = new WireResources(4, 0.1, 8L << 30, 4L << 30, 100L << 30, 50L << 30, List.of(), List.of());

    @TempDir
    Path dataDir;

    @TempDir
    Path workerDir;

    private TlsHubFixture fixture;
    private PoolClient good;

    @BeforeEach
    void startHubAndAGoodClient() {
        fixture = TlsHubFixture.start(dataDir);
        good = fixture.track(fixture.admin());
    }

    @AfterEach
    void stopHub() throws Exception {
        fixture.close();
    }

    @Test
    void enrolledWorkerRegistersWithTheCertificateItWasIssued() {
        WorkerIdentity worker = WorkerIdentity.openOrCreate(workerDir);
        EnrolmentMessage.Enrolled enrolled;
        try (RawTlsClient enrolling = fixture.raw()) {
            assertThat(enrolling.hello("worker").authMethods()).containsExactly("join-token");
            enrolling.send(enroll(3, good.admin().createJoinToken(Duration.ofMinutes(5)).token(), worker));
            enrolled = enrolling.expect(EnrolmentMessage.Enrolled.class);
        }
        worker.storeCertificate(enrolled.certificateChain());

        List<Message> answers = tryToRegister(worker.keyMaterial().orElseThrow());

        long interval = HubConfig.defaults(dataDir).heartbeatInterval().toMillis();
        long grace = HubConfig.defaults(dataDir).nodeTimeout().toMillis();
        assertThat(answers).last().isEqualTo(new NodeMessage.HeartbeatAck(5, enrolled.nodeId(), interval, grace, List.of()));
        assertThat(good.aggregate().onlineNodes()).isEqualTo(1);
    }

    @Test
    void workerWithoutACertificateMayNotRegister() {
        try (RawTlsClient bad = fixture.raw()) {
            assertThat(bad.hello("worker").authMethods()).containsExactly("join-token");
            bad.send(register(5));
            good.ping();

            ControlMessage.Error error = bad.expectError(ErrorCode.AUTH_REQUIRED);

            assertThat(error.requestId()).isEqualTo(5);
            assertThat(error.message()).contains("REGISTER needs the certificate this hub issued");
            bad.assertClosedByHub();
        }
        fixture.assertStillServes(good);
        assertThat(good.aggregate().onlineNodes()).isZero();
    }

    @Test
    void workerWithACertificateFromAnotherCaCannotRegister(@TempDir Path otherHubDir) {
        HubCertificateAuthority otherCa = HubCertificateAuthority.openOrCreate(otherHubDir, InstantSource.system());
        WorkerIdentity rogue = WorkerIdentity.openOrCreate(workerDir);
        rogue.storeCertificate(otherCa.signWorkerCertificate(rogue.certificationRequest(), NodeId.of("rogue-1"), Duration.ofDays(1))
                .certificateChainPem());

        List<Message> answers = tryToRegister(rogue.keyMaterial().orElseThrow());

        assertThat(answers).noneMatch(NodeMessage.HeartbeatAck.class::isInstance);
        assertThat(answers.isEmpty() || answers.getLast() instanceof ControlMessage.Error)
                .as("refused in the TLS handshake or with an ERROR, but %s", answers).isTrue();
        fixture.assertStillServes(good);
        assertThat(good.aggregate().onlineNodes()).isZero();
        assertThat(good.nodes()).isEmpty();
    }

    @Test
    void unknownJoinTokenIsRefusedWithTheOneAnswer() {
        Secret unknown = Secret.of("pj_abcdefgh_" + "A".repeat(43));

        assertEnrolmentRefused(unknown, 0);
    }

    @Test
    void expiredJoinTokenIsRefusedWithTheOneAnswer() {
        Secret token = good.admin().createJoinToken(Duration.ofMinutes(1)).token();
        fixture.clock.advance(Duration.ofMinutes(2));

        assertEnrolmentRefused(token, 0);
    }

    @Test
    void spentJoinTokenIsRefusedWithTheOneAnswer() {
        Secret token = good.admin().createJoinToken(Duration.ofMinutes(5)).token();
        try (RawTlsClient first = fixture.raw()) {
            first.hello("worker");
            first.send(enroll(1, token, WorkerIdentity.openOrCreate(workerDir.resolve("first"))));
            assertThat(first.expect(EnrolmentMessage.Enrolled.class).nodeId()).startsWith("worker-host-");
        }

        assertEnrolmentRefused(token, 1);
    }

    @Test
    void removedNodeIsCutOffAtOnceAndItsCertificateIsRefusedFromThenOn() {
        KeyMaterial identity = enrolledIdentity();
        MessageChannel live = fixture.workerChannel(identity);
        live.send(new HandshakeMessage.Hello(HandshakeMessage.PROTOCOL_VERSION, "worker", "removal-test"));
        live.receive();
        live.send(register(5));
        NodeId node = NodeId.of(((NodeMessage.HeartbeatAck) live.receive()).nodeId());

        good.admin().removeNode(node);

        assertThatThrownBy(() -> {
            while (true) {
                live.receive();
            }
        }).as("the hub closes the removed node's connection").isInstanceOf(TransportException.class);
        assertThat(good.nodes()).isEmpty();
        List<Message> again = tryToRegister(identity);
        assertThat(again.getLast()).isInstanceOfSatisfying(ControlMessage.Error.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.AUTH_REQUIRED.name());
            assertThat(e.message()).contains("node " + node + " was removed", "revoked");
        });
        assertThatThrownBy(() -> good.admin().removeNode(node)).isInstanceOf(NotFoundException.class).hasMessageContaining("unknown node");
        assertThat(good.admin().audit("admin", "node.", 10)).singleElement().satisfies(row -> {
            assertThat(row.action()).isEqualTo("node.removed");
            assertThat(row.target()).isEqualTo(node.value());
            assertThat(row.sourceAddress()).isNotEmpty();
        });
        fixture.assertStillServes(good);
    }

    @Test
    void revokedJoinTokenIsListedAsRevokedAndCannotEnroll() {
        var grant = good.admin().createJoinToken(Duration.ofMinutes(5));

        good.admin().revokeJoinToken(grant.id());

        assertThat(good.admin().joinTokens()).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo(grant.id());
            assertThat(t.revoked()).isTrue();
            assertThat(t.usedBy()).isEmpty();
            assertThat(t.createdBy()).isEqualTo("admin");
        });
        assertThatThrownBy(() -> good.admin().revokeJoinToken(grant.id())).isInstanceOf(NotFoundException.class);
        assertEnrolmentRefused(grant.token(), 0);
    }

    @Test
    void workerReportingOnAnotherNodesJobIsRefusedAuditedAndCutOff() {
        MessageChannel honest = fixture.workerChannel(enrolledIdentity(workerDir.resolve("honest")));
        NodeId honestNode = register(honest);
        MessageChannel liar = fixture.workerChannel(enrolledIdentity(workerDir.resolve("liar")));
        NodeId liarNode = register(liar);
        JobId job = good.submit(JobSpec.of("sleep", "60").withTarget(NodeSelector.named(honestNode)));
        JobMessage.Task task = expectTask(honest);

        liar.send(new JobMessage.Result(task.jobId(), task.attempt(), "SUCCEEDED", true, 0, false, ""));

        assertThat(liar.receive()).isInstanceOfSatisfying(ControlMessage.Error.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_ALLOWED.name());
            assertThat(e.message()).contains("node " + liarNode + " reported on job " + job, "which it does not run");
        });
        assertThatThrownBy(liar::receive).as("the hub closes the liar's connection").isInstanceOf(TransportException.class);
        assertThat(good.job(job).state()).isEqualTo(JobState.RUNNING);
        assertThat(good.admin().audit("", "worker.report-refused", 10)).singleElement().satisfies(row -> {
            assertThat(row.actor()).isEqualTo("node:" + liarNode);
            assertThat(row.detail()).contains("reported on job " + job);
        });
        fixture.assertStillServes(good);
    }

    /** Says HELLO and REGISTER on a worker channel; returns the node id the hub acknowledged. */
    private static NodeId register(MessageChannel channel) {
        channel.send(new HandshakeMessage.Hello(HandshakeMessage.PROTOCOL_VERSION, "worker", "report-test"));
        channel.receive();
        channel.send(register(5));
        return NodeId.of(((NodeMessage.HeartbeatAck) channel.receive()).nodeId());
    }

    private static JobMessage.Task expectTask(MessageChannel channel) {
        while (true) {
            if (channel.receive() instanceof JobMessage.Task task) {
                return task;
            }
        }
    }

    private KeyMaterial enrolledIdentity() {
        return enrolledIdentity(workerDir);
    }

    private KeyMaterial enrolledIdentity(Path dir) {
        WorkerIdentity worker = WorkerIdentity.openOrCreate(dir);
        try (RawTlsClient enrolling = fixture.raw()) {
            enrolling.hello("worker");
            enrolling.send(enroll(3, good.admin().createJoinToken(Duration.ofMinutes(5)).token(), worker));
            worker.storeCertificate(enrolling.expect(EnrolmentMessage.Enrolled.class).certificateChain());
        }
        return worker.keyMaterial().orElseThrow();
    }

    private void assertEnrolmentRefused(Secret token, int nodesEnrolledBefore) {
        try (RawTlsClient bad = fixture.raw()) {
            bad.hello("worker");
            bad.send(enroll(4, token, WorkerIdentity.openOrCreate(workerDir.resolve("refused"))));
            good.ping();

            ControlMessage.Error error = bad.expectError(ErrorCode.AUTH_REQUIRED);

            assertThat(error.requestId()).isEqualTo(4);
            assertThat(error.message()).isEqualTo(JoinTokens.REDEEM_FAILED)
                    .startsWith("join token unknown, expired, revoked or already used");
            bad.assertClosedByHub();
        }
        fixture.assertStillServes(good);
        assertThat(good.nodes()).hasSize(nodesEnrolledBefore);
    }

    /**
     * Connects as a worker presenting the certificate, says HELLO and REGISTER, and returns what the hub
     * answered until it answered no more; a refusal in the TLS handshake ends the list early.
     */
    private List<Message> tryToRegister(KeyMaterial identity) {
        List<Message> answers = new ArrayList<>();
        try {
            MessageChannel worker = fixture.workerChannel(identity);
            worker.send(new HandshakeMessage.Hello(HandshakeMessage.PROTOCOL_VERSION, "worker", "hostile-test"));
            answers.add(worker.receive());
            worker.send(register(5));
            answers.add(worker.receive());
        } catch (TransportException refused) {
            // the connection ended: what was answered so far is the whole story
        }
        return answers;
    }

    private static EnrolmentMessage.Enroll enroll(long requestId, Secret token, WorkerIdentity worker) {
        return new EnrolmentMessage.Enroll(requestId, token.reveal(), worker.certificationRequestPem(), "worker-host");
    }

    private static NodeMessage.Register register(long requestId) {
        return new NodeMessage.Register(requestId, "worker-host", RESOURCES, Map.of(), "process", List.of(), false);
    }
}
