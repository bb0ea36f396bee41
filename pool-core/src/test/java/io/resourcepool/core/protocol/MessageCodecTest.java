package io.resourcepool.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeResources;
import io.resourcepool.api.ResourceRequest;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.api.spi.transport.Frame;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessageCodecTest {
    private final MessageCodec codec = new MessageCodec(1 << 20);

    static Stream<Message> everyMessage() {
        WireResources res = WireResources.from(new NodeResources(2, 0.25, 1000, 500, 2000, 1000, List.of()));
        WireJobSpec spec = WireJobSpec.from(JobSpec.of("echo", "hi").withTimeout(Duration.ofSeconds(5)).withEnvironment(Map.of("A", "b"))
                .withWorkingDirectory("src/main"));
        return Stream.of(
                new HandshakeMessage.Hello(1, "client", "test"),
                new HandshakeMessage.Challenge(1, "bm9uY2U=", List.of("password", "session")),
                new AuthMessage.Login(1, "alice", "correct horse"),
                new AuthMessage.Login(1, "alice", "correct horse", "123456"),
                new AuthMessage.Resume(2, "tok"),
                new AuthMessage.Refresh(5, "refresh-tok"),
                new AuthMessage.Logout(3),
                new AuthMessage.AuthOk(1, "alice", "admin", "tok", 123, false),
                new AuthMessage.AuthOk(2, "bob", "viewer", "tok", 123, true),
                new AuthMessage.AuthOk(5, "carol", "viewer", "tok", 123, false, "refresh-tok", 456),
                new AuthMessage.AuthFailed(1, "CODE_REQUIRED", "no"),
                new AuthMessage.PasswordChange(16, "old-password", "new-password"),
                new EnrolmentMessage.Enroll(4, "pj_x", "-----BEGIN CERTIFICATE REQUEST-----", "host"),
                new EnrolmentMessage.Enrolled(4, "node-1", "pem"),
                new EnrolmentMessage.Renew(5, "csr"),
                new EnrolmentMessage.Renewed(5, "chain", "cas"),
                new EnrolmentMessage.RenewNow("the hub's CA was rotated"),
                new NodeMessage.Register(5, "host", res, Map.of("gpu", "a100"), "none", List.of(new WireTask("job", 2)), true),
                new NodeMessage.Heartbeat(res, List.of(new WireTask("job", 1))),
                new NodeMessage.HeartbeatAck(0, "node-1", 5000, 15000, List.of(new WireTask("old-job", 1))),
                new JobMessage.ResultAck("job", 1),
                new JobMessage.Run(6, spec),
                new JobMessage.Accepted(6, "job", "node-1"),
                new JobMessage.Task("job", 1, "alice", spec),
                new JobMessage.Output(JobId.random(), 2, OutputChannel.STDERR, Bytes.utf8("out\n")),
                new JobMessage.Result("job", 1, "SUCCEEDED", true, 0, false, ""),
                JobMessage.OutputCopy.of(JobId.random(), 2, 4096, Bytes.utf8("the last of it\n")),
                new JobMessage.Cancel(7, "job"),
                new JobMessage.Submit(21, spec),
                new JobMessage.Follow(24, "job"),
                new JobQueryMessage.Jobs(22, "RUNNING", "node-1", "alice", 50),
                new JobQueryMessage.JobList(22, List.of(new JobQueryMessage.WireJob("job", "alice", "SUCCEEDED", 1, "node-1", 1, 2, 3, 0,
                        true, "", List.of("echo", "hi"), 2, 7.5))),
                new JobQueryMessage.Job(23, "job"),
                new JobQueryMessage.JobDetail(23, new JobQueryMessage.WireJob("job", "alice", "QUEUED", 1, "", 1, 0, 0, 0, false, "",
                        List.of("true"), 0, 0.0), "aGkK"),
                new QueryMessage.Nodes(8),
                new QueryMessage.NodeList(8, List.of(new QueryMessage.WireNode("node-1", "h", true, false, res, Map.of(), 1, 0, "none", 1_900_000_000_000L))),
                new QueryMessage.Aggregate(9),
                new QueryMessage.AggregateResult(9, 1, 2, 0.5, 1000, 500, 2000, 1000, 0, 123),
                new QueryMessage.Usage(24),
                new QueryMessage.UsageResult(24, List.of(new QueryMessage.WireUsage("alice", 42.5))),
                new AdminMessage.UserAdd(10, "bob", "viewer", "password1"),
                new AdminMessage.UserList(11),
                new AdminMessage.UserListResult(11, List.of(new AdminMessage.WireUser("bob", "viewer", false, 1))),
                new AdminMessage.JoinTokenCreate(12, 60_000),
                new AdminMessage.JoinTokenCreated(12, "abc", "pj_abc_x", 1, "aa:bb"),
                new AdminMessage.SessionRevoke(17, "bob"),
                new AdminMessage.UserUnlock(18, "bob"),
                new AdminMessage.UserRemove(25, "bob"),
                new AdminMessage.UserRole(26, "bob", "admin"),
                new AdminMessage.UserPasswordReset(27, "bob", "a temporary password"),
                new AdminMessage.AlertTest(19),
                new AdminMessage.NodeRemove(19, "lab-1a2b"),
                new AdminMessage.NodeDrain(20, "lab-1a2b", true),
                new AdminMessage.JoinTokenList(21),
                new AdminMessage.JoinTokenListResult(21, List.of(
                        new AdminMessage.WireJoinToken("abcdefgh", "admin", 1_000, 2_000, 0, "", true),
                        new AdminMessage.WireJoinToken("ijklmnop", "admin", 1_000, 2_000, 1_500, "lab-1a2b", false))),
                new AdminMessage.JoinTokenRevoke(22, "abcdefgh"),
                new MfaMessage.MfaEnable(23, "erin"),
                new MfaMessage.MfaEnabled(23, "erin", "otpauth://totp/x?secret=AAAA", List.of("abcd-efgh-ijkl-mnop")),
                new MfaMessage.MfaDisable(24, "erin"),
                new MfaMessage.MfaSetupOwn(25, "current-password"),
                new MfaMessage.MfaRemoveOwn(26, "current-password"),
                new AuditMessage.AuditList(19, "admin", "login.", 50),
                new AuditMessage.AuditListResult(19, List.of(new AuditMessage.WireAuditEntry(1, 2, "admin", "login.succeeded", "", "127.0.0.1", ""))),
                new AuditMessage.AuditSearch(19, "admin", "user.", 1_700_000_000_000L, 50),
                new AuditMessage.AuditVerify(20),
                new AuditMessage.AuditVerifyResult(20, false, 3, 4, "row 4 was changed"),
                new ControlMessage.Ping(13),
                new ControlMessage.Pong(13),
                new ControlMessage.Ok(14),
                ControlMessage.Error.of(15, ErrorCode.BUSY, "busy"));
    }

    @ParameterizedTest
    @MethodSource("everyMessage")
    void everyMessageSurvivesTheRoundTrip(Message message) {
        Frame frame = codec.encode(message);
        assertThat(frame.type()).isEqualTo(MessageCodec.typeOf(message).code());
        assertThat(codec.decode(frame)).isEqualTo(message);
    }

    @Test
    void everyPayloadTypeHasAMessage() {
        assertThat(everyMessage().map(MessageCodec::typeOf).distinct()).containsExactlyInAnyOrder(MessageType.values());
    }

    @Test
    void anAuthFailureCarriesItsReasonAndAnUnknownOneReadsAsRefused() {
        var sent = AuthMessage.AuthFailed.of(7, new AuthenticationException(AuthenticationException.Reason.CODE_REQUIRED, "give a code"));
        var received = (AuthMessage.AuthFailed) codec.decode(codec.encode(sent));

        assertThat(received.toException().reason()).isEqualTo(AuthenticationException.Reason.CODE_REQUIRED);
        assertThat(received.toException()).hasMessage("give a code");
        assertThat(new AuthMessage.AuthFailed(7, "SOMETHING_NEWER", "no").toException().reason())
                .isEqualTo(AuthenticationException.Reason.REFUSED);
    }

    @Test
    void anOutputCopyThatIsNotBase64OrLargerThanATailIsRefused() {
        assertThatThrownBy(() -> new JobMessage.OutputCopy("job", 1, 10, "not base64!"))
                .isInstanceOf(io.resourcepool.api.ProtocolException.class).hasMessageContaining("data is not base64");
        assertThatThrownBy(() -> new JobMessage.OutputCopy("job", 1, 10, "A".repeat(100_000)))
                .isInstanceOf(io.resourcepool.api.ProtocolException.class).hasMessageContaining("data");
        assertThatThrownBy(() -> new JobMessage.OutputCopy("job", 1, -1, ""))
                .isInstanceOf(io.resourcepool.api.ProtocolException.class).hasMessageContaining("sentBytes must not be negative");
    }

    @Test
    void aSpecsWorkingDirectoryCrossesTheWireAndAnEscapingOneIsRefused() {
        JobSpec spec = JobSpec.of("pwd").withWorkingDirectory("build/out");
        WireJobSpec wire = WireJobSpec.from(spec);
        WireJobSpec escaping = new WireJobSpec(List.of("pwd"), "", Map.of(), 0, 0, 0, Map.of(), 0, 1024, "../../etc", false, "", 0, "");

        assertThat(wire.toSpec()).isEqualTo(spec);
        assertThatThrownBy(escaping::toSpec).isInstanceOf(io.resourcepool.api.ProtocolException.class)
                .hasMessageContaining("bad job spec: workingDirectory '../../etc'");
    }

    @Test
    void aSpecsGpuClaimCrossesTheWireAndAModelWithoutGpusIsRefused() {
        JobSpec spec = JobSpec.of("nvidia-smi").withResources(new ResourceRequest(1, 0, 2, "a100"));
        WireJobSpec modelOnly = new WireJobSpec(List.of("x"), "", Map.of(), 0, 0, 0, Map.of(), 0, 1024, "", false, "", 0, "a100");

        assertThat(codec.decode(codec.encode(new JobMessage.Submit(4, WireJobSpec.from(spec))))).isEqualTo(new JobMessage.Submit(4, WireJobSpec.from(spec)));
        assertThat(WireJobSpec.from(spec).toSpec()).isEqualTo(spec);
        assertThatThrownBy(modelOnly::toSpec).isInstanceOf(io.resourcepool.api.ProtocolException.class).hasMessageContaining("without gpus");
    }

    @Test
    void everyGpuFigureCrossesTheWireInAHeartbeat() {
        NodeResources.Gpu busy = new NodeResources.Gpu(1, "GPU-b", "NVIDIA", "NVIDIA L4", 24L << 30, 20L << 30, 0.97, 71);
        WireResources resources = WireResources.from(new NodeResources(2, 0.1, 1000, 500, 2000, 1000, List.of(busy)));

        Message decoded = codec.decode(codec.encode(new NodeMessage.Heartbeat(resources, List.of())));

        assertThat(((NodeMessage.Heartbeat) decoded).resources().toResources().gpus()).containsExactly(busy);
        assertThat(resources.gpus()).containsExactly("NVIDIA NVIDIA L4");
    }

    @Test
    void gpuSummaryAndDevicesThatDisagreeAreRefused() {
        assertThatThrownBy(() -> new WireResources(1, 0, 1, 1, 1, 1, List.of("NVIDIA L4"), List.of()))
                .isInstanceOf(io.resourcepool.api.ProtocolException.class).hasMessageContaining("gpuDevices");
    }

    @Test
    void aSpecsImageCrossesTheWireAndAMalformedOneIsRefused() {
        JobSpec spec = JobSpec.of("make").withImage("localhost/tools:1");
        WireJobSpec optionLike = new WireJobSpec(List.of("make"), "", Map.of(), 0, 0, 0, Map.of(), 0, 1024, "", false, "--privileged", 0, "");

        assertThat(codec.decode(codec.encode(new JobMessage.Submit(3, WireJobSpec.from(spec))))).isEqualTo(new JobMessage.Submit(3, WireJobSpec.from(spec)));
        assertThat(WireJobSpec.from(spec).toSpec()).isEqualTo(spec);
        assertThatThrownBy(optionLike::toSpec).isInstanceOf(io.resourcepool.api.ProtocolException.class)
                .hasMessageContaining("bad job spec: image '--privileged' is not an image reference");
    }

    @Test
    void unknownPayloadTypeIsRefusedAsSuch() {
        assertThatThrownBy(() -> codec.decode(new Frame(4242, Bytes.utf8("{}"))))
                .isInstanceOfSatisfying(BadMessageException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE))
                .hasMessageContaining("4242");
    }

    @Test
    void malformedJsonIsRefused() {
        assertRefused(MessageType.LOGIN, "{\"requestId\":1,", "not valid JSON");
    }

    @Test
    void unknownFieldIsRefusedByName() {
        assertRefused(MessageType.PING, "{\"requestId\":1,\"admin\":true}", "unknown field 'admin'");
    }

    @Test
    void missingFieldIsRefused() {
        assertRefused(MessageType.LOGIN, "{\"requestId\":1,\"username\":\"a\"}", "password");
    }

    @Test
    void nullFieldIsRefused() {
        assertRefused(MessageType.LOGIN, "{\"requestId\":1,\"username\":null,\"password\":\"x\",\"code\":\"\"}", "username");
    }

    @Test
    void wrongScalarTypesAreRefused() {
        assertRefused(MessageType.PING, "{\"requestId\":\"1\"}", "requestId");
        assertRefused(MessageType.LOGIN, "{\"requestId\":1,\"username\":5,\"password\":\"x\",\"code\":\"\"}", "username");
        assertRefused(MessageType.PING, "{\"requestId\":1.5}", "requestId");
    }

    @Test
    void overLongStringIsRefusedNamingTheField() {
        String name = "a".repeat(300);
        assertRefused(MessageType.LOGIN, "{\"requestId\":1,\"username\":\"" + name + "\",\"password\":\"x\",\"code\":\"\"}",
                "username is 300 characters; at most 256");
    }

    @Test
    void trailingDataAndDuplicateKeysAreRefused() {
        assertRefused(MessageType.PING, "{\"requestId\":1} {}", "");
        assertRefused(MessageType.PING, "{\"requestId\":1,\"requestId\":2}", "");
    }

    @Test
    void nonPositiveRequestIdIsRefused() {
        assertRefused(MessageType.PING, "{\"requestId\":0}", "requestId must be positive");
    }

    @Test
    void badOutputChunkIsRefused() {
        assertThatThrownBy(() -> codec.decode(new Frame(MessageType.OUTPUT.code(), Bytes.copyOf(new byte[5]))))
                .isInstanceOf(BadMessageException.class).hasMessageContaining("at least 21");
    }

    @Test
    void secretsStayOutOfRenderings() {
        assertThat(new AuthMessage.Login(1, "alice", "hunter22hunter", "654321").toString()).doesNotContain("hunter22hunter", "654321");
        assertThat(new MfaMessage.MfaEnabled(1, "erin", "otpauth://totp/x?secret=SEEDSEED", List.of("abcd-efgh-ijkl-mnop")).toString())
                .doesNotContain("SEEDSEED", "abcd-efgh");
        assertThat(new AuthMessage.Resume(1, "tok-secret").toString()).doesNotContain("tok-secret");
        assertThat(new AuthMessage.Refresh(1, "refresh-secret").toString()).doesNotContain("refresh-secret");
        assertThat(new AuthMessage.AuthOk(1, "a", "viewer", "tok-secret", 1, false, "refresh-secret", 2).toString())
                .doesNotContain("tok-secret").doesNotContain("refresh-secret");
        assertThat(new AdminMessage.UserAdd(1, "bob", "viewer", "pw-secret-1").toString()).doesNotContain("pw-secret-1");
        assertThat(new EnrolmentMessage.Enroll(1, "pj_secret", "csr", "h").toString()).doesNotContain("pj_secret");
        assertThat(new AuthMessage.PasswordChange(1, "old-secret-1", "new-secret-2").toString())
                .doesNotContain("old-secret-1").doesNotContain("new-secret-2");
    }

    @Test
    void auditListLimitIsBoundedSoTheAnswerFitsAFrame() {
        assertRefused(MessageType.AUDIT_LIST, "{\"requestId\":1,\"actor\":\"\",\"actionPrefix\":\"\",\"limit\":501}", "limit must be between 1 and 500");
    }

    private void assertRefused(MessageType type, String json, String expected) {
        assertThatThrownBy(() -> codec.decode(new Frame(type.code(), Bytes.utf8(json))))
                .isInstanceOfSatisfying(BadMessageException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED))
                .hasMessageContaining(expected);
    }
}
