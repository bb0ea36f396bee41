package io.resourcepool.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.KeySeal;
import io.resourcepool.transport.tls.CaRotation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.InstantSource;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTPS listener serves the hub's own certificate as the hub's CA holds it: when the TLS directory changes (here a
 * CA rotation and its retirement, which give the hub a certificate from the new CA), new handshakes get the new
 * certificate without a restart, while a connection made before keeps its own and still works.
 */
class HubCertificateFollowedTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private GatewayFixture pool;

    @BeforeEach
    void start() {
        pool = GatewayFixture.withAgents(dir, config -> config, http -> http.withIdleTimeout(Duration.ofMinutes(5)));
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    @Test
    void newHandshakesGetTheHubsNewCertificateAndAnOpenConnectionKeepsWorking() throws Exception {
        X509Certificate before = servedInANewHandshake();
        try (SSLSocket kept = connect()) {
            kept.startHandshake();

            CaRotation.rotate(dir.resolve("hub"), InstantSource.system(), KeySeal.none());
            CaRotation.retire(dir.resolve("hub"), InstantSource.system(), KeySeal.none());
            await().atMost(PATIENCE).until(() -> !servedInANewHandshake().equals(before));
            X509Certificate after = servedInANewHandshake();

            assertThat(after.getIssuerX500Principal()).isEqualTo(pool.ca.signingCaCertificate().getSubjectX500Principal())
                    .isNotEqualTo(before.getIssuerX500Principal());
            after.verify(pool.ca.signingCaCertificate().getPublicKey());
            assertThat(pool.gateway.servedCertificateChain().get(0)).isEqualTo(after);
            assertThat(kept.getSession().getPeerCertificates()[0]).isEqualTo(before);
            assertThat(statusLineOver(kept)).startsWith("HTTP/1.1 401");
        }
    }

    private X509Certificate servedInANewHandshake() throws IOException {
        try (SSLSocket socket = connect()) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private SSLSocket connect() throws IOException {
        URI uri = pool.gateway.uri();
        return (SSLSocket) acceptingAnyServer().getSocketFactory().createSocket(uri.getHost(), uri.getPort());
    }

    private static String statusLineOver(SSLSocket socket) throws IOException {
        socket.getOutputStream().write(("GET /v1/agents/work HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }

    /** The test looks at whatever certificate the server presents, so it checks none. */
    private static SSLContext acceptingAnyServer() {
        try {
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                    throw new UnsupportedOperationException("a client checks no client");
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    // looked at by the test itself
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the test's TLS context", e);
        }
    }
}
