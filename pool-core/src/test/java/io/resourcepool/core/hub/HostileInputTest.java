package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.spi.transport.Frame;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.protocol.AuthMessage;
import io.resourcepool.core.protocol.ControlMessage;
import io.resourcepool.core.protocol.ErrorCode;
import io.resourcepool.core.protocol.HandshakeMessage;
import io.resourcepool.core.protocol.MessageType;
import io.resourcepool.core.protocol.QueryMessage;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input over real TLS sockets: each bad connection gets an ERROR frame naming what was wrong and is
 * closed, while a well-behaved client on the same hub is served before, during and after.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileInputTest {
    private static final int HELLO = MessageType.HELLO.code();

    @TempDir
    Path dataDir;

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
    void clientCompletesHelloAndChallengeOverTls13OnAFreePort() {
        try (RawTlsClient first = fixture.raw(); RawTlsClient second = fixture.raw()) {
            HandshakeMessage.Challenge challenge = first.hello("client");
            HandshakeMessage.Challenge other = second.hello("client");

            assertThat(fixture.address().getPort()).isPositive();
            assertThat(first.protocol()).isEqualTo("TLSv1.3");
            assertThat(challenge.protocolVersion()).isEqualTo(HandshakeMessage.PROTOCOL_VERSION);
            assertThat(challenge.authMethods()).containsExactly("password", "session");
            assertThat(Base64.getDecoder().decode(challenge.nonce())).hasSize(16);
            assertThat(other.nonce()).as("a fresh nonce per connection").isNotEqualTo(challenge.nonce());
        }
        fixture.assertStillServes(good);
    }

    @Test
    void wrongMagicIsAnsweredWithBadMagicAndClosed() {
        try (RawTlsClient bad = fixture.raw()) {
            bad.sendBytes(RawTlsClient.header(0xCAFEBABE, HELLO, 2));
            good.ping();

            ControlMessage.Error error = bad.expectError(ErrorCode.BAD_MAGIC);

            assertThat(error.requestId()).isZero();
            assertThat(error.message()).contains("0xcafebabe instead of 0xdeadbeef");
            bad.assertClosedByHub();
        }
        fixture.assertStillServes(good);
    }

    @Test
    void claimOfFourGibibytesIsRefusedOnTheHeaderAlone() {
        try (RawTlsClient bad = fixture.raw()) {
            // no payload follows: a hub that waited for it would answer FRAME_TIMEOUT after 10 s instead
            bad.sendBytes(RawTlsClient.header(Frame.MAGIC, HELLO, 0xFFFF_FFFFL));
            good.ping();

            ControlMessage.Error error = bad.expectError(ErrorCode.FRAME_TOO_LARGE);

            assertThat(error.message()).contains("claims 4294967295 bytes", "limit is 1048576 bytes");
            bad.assertClosedByHub();
        }
        fixture.assertStillServes(good);
    }

    @Test
    void unknownPayloadTypeIsAnsweredWithUnknownTypeAndClosed() {
        try (RawTlsClient bad = fixture.raw()) {
            bad.sendFrame(0x7777, "{}");
            good.ping();

            ControlMessage.Error error = bad.expectError(ErrorCode.UNKNOWN_TYPE);

            assertThat(error.message()).contains("payload type 30583");
            bad.assertClosedByHub();
        }
        fixture.assertStillServes(good);
    }

    @Test
    void malformedJsonIsAnsweredWithMalformedAndClosed() {
        try (RawTlsClient bad = fixture.raw()) {
            bad.sendFrame(HELLO, "{\"protocolVersion\":1,\"role\":");
            good.ping();

            ControlMessage.Error error = bad.expectError(ErrorCode.MALFORMED);

            assertThat(error.message()).contains("bad HELLO message", "not valid JSON");
            bad.assertClosedByHub();
        }
        fixture.assertStillServes(good);
    }

    @Test
    void unknownJsonFieldIsAnsweredWithMalformedNamingTheField() {
        try (RawTlsClient bad = fixture.raw()) {
            bad.sendFrame(HELLO, "{\"protocolVersion\":1,\"role\":\"client\",\"software\":\"x\",\"admin\":true}");
            good.ping();

            ControlMessage.Error error = bad.expectError(ErrorCode.MALFORMED);

            assertThat(error.message()).contains("unknown field 'admin'");
            bad.assertClosedByHub();
        }
        fixture.assertStillServes(good);
    }

    @Test
    void loginBeforeTheHandshakeIsNotAllowedEvenWithTheRightPassword() {
        try (RawTlsClient bad = fixture.raw()) {
            bad.send(new AuthMessage.Login(7, "admin", TlsHubFixture.ADMIN_PASSWORD.reveal()));
            good.ping();

            ControlMessage.Error error = bad.expectError(ErrorCode.NOT_ALLOWED);

            assertThat(error.requestId()).isEqualTo(7);
            assertThat(error.message()).contains("LOGIN before the handshake", "send HELLO first");
            bad.assertClosedByHub();
        }
        fixture.assertStillServes(good);
    }

    @Test
    void requestAfterHelloButBeforeLoginRequiresAuthentication() {
        try (RawTlsClient bad = fixture.raw()) {
            bad.hello("client");
            bad.send(new QueryMessage.Nodes(9));
            good.ping();

            ControlMessage.Error error = bad.expectError(ErrorCode.AUTH_REQUIRED);

            assertThat(error.requestId()).isEqualTo(9);
            assertThat(error.message()).contains("NODES is not allowed before authentication", "LOGIN or RESUME first");
            bad.assertClosedByHub();
        }
        fixture.assertStillServes(good);
    }

    @Test
    void clientOfferingOnlyTls12IsRefusedInTheHandshake() throws Exception {
        try (SSLSocket old = RawTlsClient.unstarted(fixture.address(), fixture.rawTls(), "TLSv1.2")) {
            good.ping();

            assertThatThrownBy(old::startHandshake).isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("protocol_version");
            assertThat(old.isClosed()).isTrue();
        }
        fixture.assertStillServes(good);
    }
}
