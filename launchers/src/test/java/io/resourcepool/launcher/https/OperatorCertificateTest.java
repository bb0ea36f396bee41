package io.resourcepool.launcher.https;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.transport.CertificateFingerprint;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.launcher.LivePool;
import io.resourcepool.launcher.client.TrustedCa;
import io.resourcepool.launcher.hub.HubBanner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code http.tls-certificate} and {@code http.tls-key}, the HTTPS API and the dashboard serve the operator's
 * certificate, so a browser that trusts the operator's CA (and not the pool's) gets in; the binary port keeps the
 * pool's own CA; bad files stop the start naming the settings; a renewal is served without a restart.
 */
class OperatorCertificateTest {
    @TempDir
    Path dir;

    private final OperatorCa operatorCa = new OperatorCa();

    private Map<String, String> settings(Path certs, String... more) {
        Map<String, String> settings = new HashMap<>(Map.of("http.bind", "127.0.0.1:0",
                "http.tls-certificate", certs.resolve("fullchain.pem").toString(), "http.tls-key", certs.resolve("privkey.pem").toString()));
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return settings;
    }

    private LivePool pool(Map<String, String> settings) throws Exception {
        return new LivePool(Files.createDirectories(dir.resolve("pool")), settings);
    }

    private HttpClient trustingOnly(Path caFile) throws Exception {
        return HttpClient.newBuilder().sslContext(TrustedCa.context(caFile)).build();
    }

    private static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aClientTrustingOnlyTheOperatorCaReachesTheApiAndTheDashboard() throws Exception {
        X509Certificate leaf = operatorCa.issue(dir.resolve("certs"));
        Path operatorCaFile = operatorCa.writeCertificate(dir.resolve("operator-ca.pem"));
        try (LivePool pool = pool(settings(dir.resolve("certs")))) {
            URI api = pool.hub.httpUri().orElseThrow();
            HttpClient browser = trustingOnly(operatorCaFile);

            assertThat(get(browser, api.resolve("/v1/openapi.json")).statusCode()).isEqualTo(200);
            HttpResponse<String> dashboard = get(browser, api.resolve("/ui/"));
            assertThat(dashboard.statusCode()).isEqualTo(200);
            assertThat(dashboard.body()).contains("js/app.js");
            assertThat(pool.hub.httpCertificate()).contains(leaf);
            assertThatThrownBy(() -> get(trustingOnly(pool.hub.caCertificateFile()), api.resolve("/v1/openapi.json")))
                    .as("the pool's own CA no longer vouches for the HTTPS port").isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void theBinaryPortKeepsThePoolsOwnCaPinnedByItsFingerprint() throws Exception {
        operatorCa.issue(dir.resolve("certs"));
        try (LivePool pool = pool(settings(dir.resolve("certs")));
                PoolClient admin = pool.admin()) {
            assertThat(admin.nodes()).isEmpty();
            assertThat(pool.hub.caFingerprint()).isNotEqualTo(CertificateFingerprint.of(operatorCa.certificate()).toString());
        }
    }

    @Test
    void theBannerSaysWhichCertificateTheHttpsPortServes() throws Exception {
        X509Certificate leaf = operatorCa.issue(dir.resolve("certs"));
        try (LivePool pool = pool(settings(dir.resolve("certs")))) {
            StringWriter out = new StringWriter();
            HubBanner.print(new PrintWriter(out), pool.hub);

            assertThat(out.toString()).contains("HTTPS certificate (http.tls-certificate): CN=localhost, issued by "
                    + operatorCa.certificate().getSubjectX500Principal().getName() + ", expires " + leaf.getNotAfter().toInstant()
                    + ", sha256 " + CertificateFingerprint.of(leaf)).doesNotContain("--cacert");
        }
    }

    @Test
    void anRsaKeyInTheTraditionalFormIsServedToo() throws Exception {
        Instant now = Instant.now();
        X509Certificate leaf = operatorCa.issue(dir.resolve("certs"), now.minusSeconds(60), now.plus(Duration.ofDays(90)),
                OperatorCa.KeyForm.RSA_TRADITIONAL);
        assertThat(Files.readString(dir.resolve("certs/privkey.pem"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        try (LivePool pool = pool(settings(dir.resolve("certs")))) {
            HttpClient browser = trustingOnly(operatorCa.writeCertificate(dir.resolve("operator-ca.pem")));

            assertThat(get(browser, pool.hub.httpUri().orElseThrow().resolve("/v1/openapi.json")).statusCode()).isEqualTo(200);
            assertThat(pool.hub.httpCertificate()).contains(leaf);
        }
    }

    @Test
    void aRenewedCertificateIsServedWithoutARestart() throws Exception {
        Path certs = dir.resolve("certs");
        X509Certificate first = operatorCa.issue(certs);
        Path operatorCaFile = operatorCa.writeCertificate(dir.resolve("operator-ca.pem"));
        try (LivePool pool = pool(settings(certs, "http.tls-check-interval", "100ms"))) {
            URI api = pool.hub.httpUri().orElseThrow();
            assertThat(presented(operatorCaFile, api)).isEqualTo(first);

            X509Certificate renewed = operatorCa.issue(certs);
            later(certs.resolve("fullchain.pem"), certs.resolve("privkey.pem"));

            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> pool.hub.httpCertificate().orElseThrow().equals(renewed));
            assertThat(presented(operatorCaFile, api)).isEqualTo(renewed);
            assertThat(get(trustingOnly(operatorCaFile), api.resolve("/v1/openapi.json")).statusCode()).isEqualTo(200);
        }
    }

    /** What a new TLS connection to the HTTPS port is shown. */
    private static X509Certificate presented(Path caFile, URI api) throws Exception {
        SSLContext context = TrustedCa.context(caFile);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(api.getHost(), api.getPort())) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    /** A file system whose clock ticks coarsely could give the renewal its predecessor's time: move it on. */
    static void later(Path... files) throws Exception {
        for (Path file : files) {
            Files.setLastModifiedTime(file, FileTime.from(Files.getLastModifiedTime(file).toInstant().plusSeconds(5)));
        }
    }

    @Test
    void oneOfTheTwoSettingsAloneIsRefusedNamingBoth() {
        operatorCa.issue(dir.resolve("certs"));
        Map<String, String> onlyCertificate = settings(dir.resolve("certs"));
        onlyCertificate.remove("http.tls-key");

        assertThatThrownBy(() -> pool(onlyCertificate)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("http.tls-certificate is set but http.tls-key is not");
    }

    @Test
    void aMissingFileIsRefusedNamingTheSettingAndTheFile() {
        Map<String, String> missing = settings(dir.resolve("nowhere"));

        assertThatThrownBy(() -> pool(missing)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("http.tls-certificate").hasMessageContaining(dir.resolve("nowhere/fullchain.pem").toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        operatorCa.issue(dir.resolve("certs"));
        operatorCa.issue(dir.resolve("other"));
        Files.copy(dir.resolve("other/privkey.pem"), dir.resolve("certs/privkey.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> pool(settings(dir.resolve("certs")))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("http.tls-key").hasMessageContaining("does not belong to the certificate");
    }

    @Test
    void anExpiredCertificateIsRefusedSayingWhen() {
        Instant now = Instant.now();
        X509Certificate expired = operatorCa.issue(dir.resolve("certs"), now.minus(Duration.ofDays(100)), now.minus(Duration.ofDays(10)),
                OperatorCa.KeyForm.EC_PKCS8);

        assertThatThrownBy(() -> pool(settings(dir.resolve("certs")))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("http.tls-certificate").hasMessageContaining("is expired")
                .hasMessageContaining(expired.getNotAfter().toInstant().toString()).hasMessageContaining("certbot renew");
    }
}
