package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * An admin speaking to a hub's HTTPS API in a test, trusting the CA in a file read anew for every request (so that a
 * test may follow a CA rotation), and looking at the certificate the API serves.
 *
 * @param api the API's address
 * @param caFile the CA certificate (PEM) to check the hub with
 */
record AdminOverHttps(URI api, Path caFile) {
    private static final ObjectMapper JSON = new ObjectMapper();

    String login(String username, String password) throws Exception {
        HttpResponse<String> login = send(HttpRequest.newBuilder(api.resolve("/v1/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(java.util.Map.of("username", username, "password", password)))));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return JSON.readTree(login.body()).path("token").asText();
    }

    /** When the node last heartbeat, while it is online. */
    Optional<Instant> lastHeartbeat(String token, String node) throws Exception {
        for (JsonNode n : get(token, "/v1/nodes").path("nodes")) {
            if (n.path("id").asText().equals(node) && n.path("online").asBoolean() && n.path("lastHeartbeat").isTextual()) {
                return Optional.of(Instant.parse(n.path("lastHeartbeat").asText()));
            }
        }
        return Optional.empty();
    }

    String submit(String token, String request) throws Exception {
        HttpResponse<String> submitted = send(HttpRequest.newBuilder(api.resolve("/v1/jobs")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request)));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        return JSON.readTree(submitted.body()).path("id").asText();
    }

    JsonNode get(String token, String path) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(api.resolve(path)).header("Authorization", "Bearer " + token).GET());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** The certificate a new handshake with the API gets, whoever signed it. */
    X509Certificate servedCertificate() throws Exception {
        AtomicReference<X509Certificate> seen = new AtomicReference<>();
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(null, new TrustManager[] {new RecordingTrust(seen)}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(api.getHost(), api.getPort())) {
            socket.startHandshake();
        }
        return seen.get();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().sslContext(AgentTls.context(caFile, Optional.empty())).build()) {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Records the certificate a server presents, which the test then looks at itself. */
    private record RecordingTrust(AtomicReference<X509Certificate> seen) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a client checks no client");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            seen.set(chain[0]);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
