package io.resourcepool.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.http.server.SecurityHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every answer carries the security headers, errors included (the API's problems, Jetty's own answers to
 * requests it cannot parse, 404s outside the API); none names the server's software. HTTPS is TLS 1.3 unless TLS 1.2
 * is allowed, with the hub's own certificate, which verifies for {@code 127.0.0.1} and {@code localhost}.
 */
class SecurityHeadersTest {
    @TempDir
    static Path dir;

    private static GatewayFixture pool;
    private static String admin;

    @BeforeAll
    static void start() {
        pool = GatewayFixture.start(dir, UnaryOperator.identity(), http -> http.withMaxBodyBytes(2048));
        admin = pool.adminToken();
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    private static void assertSecurityHeaders(String what, Map<String, List<String>> headers) {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
        SecurityHeaders.HEADERS.forEach((name, value) ->
                assertThat(lower.get(name.toLowerCase(java.util.Locale.ROOT))).as(what + ": " + name).isEqualTo(value));
        assertThat(lower.get("content-security-policy")).as(what).contains("default-src 'self'", "frame-ancestors 'none'", "script-src 'self'");
        assertThat(lower).as(what + " names no software").doesNotContainKeys("server", "x-powered-by");
    }

    @Test
    void successesAndProblemsOfTheApiCarryTheHeaders() {
        Map<String, Reply> replies = new LinkedHashMap<>();
        replies.put("200", pool.get("/v1/aggregate", admin));
        replies.put("204", pool.postEmpty("/v1/users/admin/unlock", admin));
        replies.put("400", pool.post("/v1/jobs", admin, "{"));
        replies.put("401", pool.get("/v1/nodes", ""));
        replies.put("404 in the API", pool.get("/v1/nowhere", admin));
        replies.put("404 outside it", pool.get("/favicon.ico", ""));
        replies.put("405", pool.send(pool.request("/v1/nodes", admin).PUT(HttpRequest.BodyPublishers.noBody()).build()));
        replies.put("413", pool.post("/v1/jobs", admin, "{\"command\":[\"" + "y".repeat(3000) + "\"]}"));
        replies.put("415", pool.send(pool.request("/v1/jobs", admin).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<x/>")).build()));
        replies.put("openapi", pool.get("/v1/openapi.json", ""));
        replies.put("metrics", pool.get("/metrics", admin));

        replies.forEach((what, reply) -> assertSecurityHeaders(what + " (" + reply.status() + ")", reply.headers().map()));
        assertThat(replies.get("404 outside it").status()).isEqualTo(404);
    }

    @Test
    void jettysOwnAnswerToAnUnparsableRequestCarriesTheHeadersAndAProblem() throws IOException {
        String answer = rawExchange("GET /v1/nodes HTTP/1.1\r\nHost: localhost\r\nBad Header Without Colon\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line : answer.substring(answer.indexOf("\r\n") + 2, answer.indexOf("\r\n\r\n")).split("\r\n")) {
            headers.put(line.substring(0, line.indexOf(':')), List.of(line.substring(line.indexOf(':') + 1).strip()));
        }
        assertSecurityHeaders("Jetty's 400", headers);
        assertThat(answer).contains("application/problem+json", "\"status\":400");
    }

    @Test
    void aRequestLineTooLongIsAnsweredWithAProblemToo() throws IOException {
        String answer = rawExchange("GET /v1/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 414").contains("X-Frame-Options: DENY", "application/problem+json");
    }

    private static String rawExchange(String request) throws IOException {
        try (SSLSocket socket = (SSLSocket) GatewayFixture.trusting(pool.ca).getSocketFactory()
                .createSocket("127.0.0.1", pool.gateway.uri().getPort())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theCertificateVerifiesFor127001AndLocalhost() throws Exception {
        HttpClient verifying = HttpClient.newBuilder().sslContext(GatewayFixture.trusting(pool.ca)).build();
        int port = pool.gateway.uri().getPort();

        for (String host : List.of("127.0.0.1", "localhost")) {
            HttpResponse<String> reply = verifying.send(HttpRequest.newBuilder(URI.create("https://" + host + ":" + port + "/v1/openapi.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).as(host).isEqualTo(200);
            assertThat(reply.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void tls12IsRefusedUnlessAllowed() throws Exception {
        assertThatThrownBy(() -> handshake(pool, "TLSv1.2")).isInstanceOf(SSLHandshakeException.class);

        try (GatewayFixture lenient = GatewayFixture.start(dir.resolve("lenient"), UnaryOperator.identity(), http -> http.withTls12(true))) {
            assertThat(handshake(lenient, "TLSv1.2")).isEqualTo("TLSv1.2");
            assertThat(handshake(lenient, "TLSv1.3")).isEqualTo("TLSv1.3");
        }
    }

    private static String handshake(GatewayFixture target, String protocol) throws Exception {
        SSLContext tls = GatewayFixture.trusting(target.ca);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", target.gateway.uri().getPort())) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(new String[] {protocol});
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }
}
