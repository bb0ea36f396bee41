package io.resourcepool.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one HTTPS connection may cost, over real sockets: a request that trickles in (a slowloris) is cut off
 * while other clients are answered, and past the connection limit new connections wait until one closes.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpConnectionLimitsTest {
    private static final byte[] REQUEST = "GET /v1/aggregate HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private GatewayFixture fixture;

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void aRequestHeaderSentOneByteEveryTwoSecondsIsCutOffWhileAnotherClientIsAnswered() throws Exception {
        fixture = GatewayFixture.start(dir);
        String token = fixture.login("admin", GatewayFixture.ADMIN_PASSWORD);
        try (SSLSocket slow = handshaken()) {
            int[] sent = {0};

            await("the hub closes the connection of a header trickling in").atMost(Duration.ofSeconds(40))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        assertThat(fixture.get("/v1/aggregate", token).status()).isEqualTo(200);
                        return !trickle(slow, REQUEST[sent[0]++ % REQUEST.length]);
                    });

            assertThat(sent[0]).as("bytes sent before the cut").isLessThan(REQUEST.length);
            assertThat(fixture.get("/v1/aggregate", token).status()).isEqualTo(200);
        }
    }

    @Test
    void pastTheConnectionLimitANewClientWaitsUntilAConnectionCloses() throws Exception {
        fixture = GatewayFixture.start(dir, hub -> hub, http -> http.withMaxConnections(2));
        // the fixture's client keeps its connection open after the login: that is the first of the two
        String token = fixture.login("admin", GatewayFixture.ADMIN_PASSWORD);
        try (SSLSocket second = handshaken();
                HttpClient newcomer = HttpClient.newBuilder().sslContext(GatewayFixture.trusting(fixture.ca))
                        .version(HttpClient.Version.HTTP_1_1).build()) {
            CompletableFuture<HttpResponse<String>> waiting = newcomer.sendAsync(
                    fixture.request("/v1/aggregate", token).GET().build(), HttpResponse.BodyHandlers.ofString());

            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !waiting.isDone());
            second.close();

            assertThat(waiting.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    /** A TLS connection to the API, handshake done, nothing sent. */
    private SSLSocket handshaken() throws IOException {
        SSLSocket socket = (SSLSocket) GatewayFixture.trusting(fixture.ca).getSocketFactory().createSocket();
        socket.connect(new InetSocketAddress(fixture.uri("/").getHost(), fixture.uri("/").getPort()), 10_000);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    /** Sends one byte; false once the server has hung up. */
    private static boolean trickle(SSLSocket socket, byte next) {
        try {
            socket.getOutputStream().write(next);
            socket.getOutputStream().flush();
            socket.setSoTimeout(50);
            InputStream in = socket.getInputStream();
            return in.read() >= 0;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
