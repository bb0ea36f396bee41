package io.resourcepool.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.NodeId;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.hub.RelayLimits;
import io.resourcepool.transport.tls.TlsTransport;
import io.resourcepool.transport.tls.TlsTransportConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader of {@code GET /v1/jobs/{id}/output} that stops reading, on a job that prints without end, holds up
 * nobody else: over real HTTPS and TLS sockets, with a real worker running real processes, other jobs on the same
 * node go on completing (over HTTP and over the binary protocol), the stalled stream is dropped (counted in
 * {@code /metrics}, its buffered output let go) and its request is ended by the connection's idle timeout; the job
 * runs on and is cancelled. A reader that only paused gets the {@code dropped} event naming how to resume.
 */
class StalledOutputStreamTest {
    private static final long BUFFER = RelayLimits.DEFAULTS.followerBufferBytes();
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(8);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String OUTPUT_ROUTE = "/v1/jobs/{id}/output";

    @TempDir
    static Path dir;

    private static GatewayFixture pool;
    private static String admin;
    private static NodeId node;
    private static TlsTransport clientTransport;
    private static PoolClient binary;

    @BeforeAll
    static void start() throws Exception {
        pool = GatewayFixture.start(dir, hub -> hub.withRelay(new RelayLimits(BUFFER, 1L << 30)), http -> http.withIdleTimeout(IDLE_TIMEOUT));
        node = pool.startWorker("chatty-w", Map.of());
        admin = pool.adminToken();
        clientTransport = new TlsTransport(TlsTransportConfig.client(pool.ca.trust()));
        binary = PoolClient.connect(clientTransport, pool.hub.address()).login("admin", GatewayFixture.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (binary != null) {
            binary.close();
        }
        if (clientTransport != null) {
            clientTransport.close();
        }
        pool.close();
    }

    @Test
    void aStreamReaderThatStopsReadingIsDroppedAndEndedWhileOtherJobsOnItsNodeComplete() throws Exception {
        String id = chattyJob();
        double droppedBefore = metric("resourcepool_output_followers_dropped");
        double streamsEndedBefore = outputRequestsServed();

        try (StalledReader stalled = StalledReader.open(pool, "/v1/jobs/" + id + "/output", admin)) {
            await().atMost(PATIENCE).until(() -> metric("resourcepool_output_followers_dropped") > droppedBefore);
            long droppedAt = System.nanoTime();
            List<Duration> runs = runTrueRepeatedly();

            await().atMost(PATIENCE).until(() -> pool.hub.status().outputBufferedBytes() <= BUFFER);
            assertThat(metric("resourcepool_output_buffered_bytes")).isLessThanOrEqualTo(BUFFER);
            // the request thread blocked in the write to the stalled reader is let go by the idle timeout
            await().atMost(IDLE_TIMEOUT.multipliedBy(3)).until(() -> outputRequestsServed() > streamsEndedBefore);
            long endedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - droppedAt);
            assertThat(stalled.readToEnd()).as("the stalled stream was cut off, so its dropped event never went out")
                    .doesNotContain("event: dropped");
            System.out.printf("stalled HTTP stream: runs of true while it was stalled took %s; its request ended %d ms after the drop"
                    + " (idle timeout %s)%n", runs, endedAfterMillis, IDLE_TIMEOUT);
        }

        assertThat(pool.get("/v1/jobs/" + id, admin).json().path("state").asText()).as("the job runs on").isEqualTo("RUNNING");
        cancel(id);
    }

    @Test
    void aStreamReaderThatPausesThenResumesGetsTheDroppedEventNamingHowToResume() throws Exception {
        String id = chattyJob();
        double droppedBefore = metric("resourcepool_output_followers_dropped");

        try (StalledReader paused = StalledReader.open(pool, "/v1/jobs/" + id + "/output", admin)) {
            await().atMost(PATIENCE).until(() -> metric("resourcepool_output_followers_dropped") > droppedBefore);
            String stream = paused.readToEnd();

            // dropped by the stream's own backlog or, when the gateway fell behind first, by the hub: told the same
            assertThat(stream).startsWith("HTTP/1.1 200").contains("event: output").containsSubsequence("event: dropped\ndata: {",
                    "\"detail\":\"output dropped: this client fell behind; ", "pool logs --follow " + id, "resumes (the job runs on)\"");
            assertThat(stream.substring(stream.indexOf("event: dropped"))).as("nothing after the dropped event").doesNotContain("event: output");
        }

        assertThat(pool.get("/v1/jobs/" + id, admin).json().path("state").asText()).as("the job runs on").isEqualTo("RUNNING");
        cancel(id);
    }

    @Test
    void aJobAskingForMoreOutputThanTheHubsBoundIsRefusedWithAProblemNamingIt() {
        int stored = pool.get("/v1/jobs?limit=50", admin).json().path("jobs").size();
        Reply refused = pool.post("/v1/jobs", admin, "{\"command\":[\"true\"],\"limits\":{\"outputCapBytes\":" + ((1L << 30) + 1) + "}}");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(refused.json().path("detail").asText()).contains("hub.max-output-cap", Long.toString(1L << 30));
        assertThat(pool.get("/v1/jobs?limit=50", admin).json().path("jobs").size()).as("nothing stored").isEqualTo(stored);
    }

    /**
     * A job on the node that prints without end, allowed to print a gigabyte: about 110 KB at a time, a few times a
     * second, so that a reader is dropped for not reading, not the hub's relay to the gateway for a moment's lag of the
     * machine behind a job that prints as fast as it can.
     */
    private static String chattyJob() {
        Reply submitted = pool.post("/v1/jobs", admin, "{\"command\":[\"sh\",\"-c\",\"while :; do seq 1 20000; sleep 0.05; done\"],"
                + "\"node\":\"" + node + "\",\"limits\":{\"outputCapBytes\":" + (1L << 30) + "}}");
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        String id = submitted.json().path("id").asText();
        await().atMost(PATIENCE).until(() -> pool.get("/v1/jobs/" + id, admin).json().path("state").asText().equals("RUNNING"));
        return id;
    }

    /** Runs {@code true} on the node five times over HTTP and five times over the binary protocol; each must end in time. */
    private static List<Duration> runTrueRepeatedly() throws Exception {
        List<Duration> took = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            Reply http = pool.post("/v1/run", admin, "{\"command\":[\"true\"],\"node\":\"" + node + "\"}");
            assertThat(http.status()).as(http.toString()).isEqualTo(200);
            assertThat(http.json().path("exitCode").asInt(-1)).as("HTTP run %d of true", i).isZero();
            took.add(Duration.ofNanos(System.nanoTime() - started));

            long again = System.nanoTime();
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> binary.run(node, List.of("true")).exitCode().orElse(-1));
            assertThat(run.get(30, TimeUnit.SECONDS)).as("binary run %d of true", i).isZero();
            took.add(Duration.ofNanos(System.nanoTime() - again));
        }
        return took;
    }

    private static void cancel(String id) {
        assertThat(pool.postEmpty("/v1/jobs/" + id + "/cancel", admin).status()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> pool.get("/v1/jobs/" + id, admin).json().path("state").asText().equals("CANCELLED"));
    }

    private static double metric(String name) {
        return scrape().value(name, Map.of()).orElseThrow(() -> new AssertionError(name + " is not in the scrape"));
    }

    /** How many output streams have ended, however they ended. */
    private static double outputRequestsServed() {
        PrometheusText.Family family = scrape().families().get("resourcepool_http_requests_total");
        return family == null ? 0 : family.samples().stream().filter(s -> OUTPUT_ROUTE.equals(s.labels().get("route")))
                .mapToDouble(PrometheusText.Sample::value).sum();
    }

    private static PrometheusText scrape() {
        Reply reply = pool.get("/metrics", admin);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return PrometheusText.parse(reply.body());
    }

    /**
     * An HTTPS reader that sends its request and then reads nothing until asked, on a socket with a small receive
     * buffer, so that the server's writes to it stick soon. HTTP/1.0, so the body is the stream's text as written.
     */
    private record StalledReader(SSLSocket socket) implements AutoCloseable {
        static StalledReader open(GatewayFixture pool, String path, String token) throws IOException {
            SSLSocket socket = (SSLSocket) GatewayFixture.trusting(pool.ca).getSocketFactory().createSocket();
            socket.setReceiveBufferSize(8 * 1024);
            socket.setSoTimeout((int) PATIENCE.toMillis());
            socket.connect(new java.net.InetSocketAddress(pool.gateway.uri().getHost(), pool.gateway.uri().getPort()), (int) PATIENCE.toMillis());
            socket.startHandshake();
            socket.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new StalledReader(socket);
        }

        /**
         * Reads until the server ends the response, keeping the first and last 64 KiB; fails if it does not end within
         * the patience.
         */
        String readToEnd() {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            byte[] tail = new byte[0];
            long total = 0;
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = socket.getInputStream();
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    total += n;
                    if (head.size() < 64 * 1024) {
                        head.write(buffer, 0, n);
                    } else {
                        tail = last(tail, buffer, n);
                    }
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the stream did not end within " + PATIENCE + "; read " + total + " bytes, the last: "
                                + new String(tail, StandardCharsets.UTF_8));
                    }
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server did not end the stream within " + PATIENCE, e);
            } catch (IOException e) {
                // the server cut the connection off: what arrived before is the answer
            }
            return head.toString(StandardCharsets.UTF_8) + (tail.length == 0 ? "" : "\n[…]\n" + new String(tail, StandardCharsets.UTF_8));
        }

        private static byte[] last(byte[] kept, byte[] more, int n) {
            byte[] joined = java.util.Arrays.copyOf(kept, kept.length + n);
            System.arraycopy(more, 0, joined, kept.length, n);
            return joined.length <= 64 * 1024 ? joined : java.util.Arrays.copyOfRange(joined, joined.length - 64 * 1024, joined.length);
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
