package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.spi.transport.Frame;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.protocol.ControlMessage;
import io.resourcepool.core.protocol.ErrorCode;
import io.resourcepool.core.protocol.MessageType;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers that stall, over real sockets, on a hub with short deadlines: a frame that stops half way and a TCP
 * client that never starts TLS are dropped, while a well-behaved client is served meanwhile.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileSlowPeersTest {
    private static final Duration FRAME_DEADLINE = Duration.ofMillis(300);
    /** Short, but with room for a good client's first handshake in a cold JVM on a busy machine. */
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path dataDir;

    private TlsHubFixture fixture;
    private PoolClient good;

    @BeforeEach
    void startHubAndAGoodClient() {
        fixture = TlsHubFixture.impatient(dataDir, FRAME_DEADLINE, HANDSHAKE_TIMEOUT);
        good = fixture.track(fixture.admin());
    }

    @AfterEach
    void stopHub() throws Exception {
        fixture.close();
    }

    @Test
    void frameThatStopsHalfWayIsAnsweredWithFrameTimeoutAndClosed() {
        try (RawTlsClient bad = fixture.raw()) {
            byte[] start = RawTlsClient.header(Frame.MAGIC, MessageType.HELLO.code(), 100);
            bad.sendBytes(Arrays.copyOf(start, start.length + 10));
            good.ping();

            ControlMessage.Error error = bad.expectError(ErrorCode.FRAME_TIMEOUT);

            assertThat(error.message()).contains("did not arrive whole within 300 ms");
            bad.assertClosedByHub();
        }
        fixture.assertStillServes(good);
    }

    @Test
    void plainTcpClientThatSaysNothingIsDroppedAfterTheHandshakeTimeout() {
        Socket silent = fixture.plainTcp();
        good.ping();
        fixture.assertStillServes(good);

        assertThat(RawTlsClient.hungUp(silent)).as("the hub dropped the silent connection").isTrue();
        fixture.assertStillServes(good);
    }

    @Test
    void plainTcpClientSpeakingAnotherProtocolIsDropped() throws IOException {
        Socket http = fixture.plainTcp();
        http.getOutputStream().write("GET / HTTP/1.1\r\nHost: hub\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        http.getOutputStream().flush();
        good.ping();

        assertThat(RawTlsClient.hungUp(http)).as("the hub dropped the plain-text connection").isTrue();
        fixture.assertStillServes(good);
    }
}
