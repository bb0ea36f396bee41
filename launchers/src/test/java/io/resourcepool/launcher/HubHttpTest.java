package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.launcher.client.TrustedCa;
import io.resourcepool.launcher.config.Settings;
import io.resourcepool.launcher.hub.HubBanner;
import io.resourcepool.launcher.hub.HubRuntime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pool hub} serves its HTTPS API when {@code http.bind} is set, says where in its banner, and serves none
 * otherwise; a bad {@code http.*} value stops the start with an error that names the key.
 */
class HubHttpTest {
    @TempDir
    Path dir;

    private HubRuntime start(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of("hub.bind", "127.0.0.1:0", "hub.data-dir", dir.resolve("hub").toString(),
                "auth.bcrypt-cost", "10"));
        settings.putAll(extra);
        return HubRuntime.start(Settings.load(Optional.empty(), settings, Map.of()), Optional.of(LivePool.ADMIN_PASSWORD));
    }

    private static String banner(HubRuntime hub) {
        StringWriter out = new StringWriter();
        HubBanner.print(new PrintWriter(out), hub);
        return out.toString();
    }

    @Test
    void theHubServesItsApiWhenConfiguredAndItsBannerSaysWhere() throws Exception {
        try (HubRuntime hub = start(Map.of("http.bind", "127.0.0.1:0"))) {
            URI api = hub.httpUri().orElseThrow();
            HttpClient client = HttpClient.newBuilder().sslContext(TrustedCa.context(hub.caCertificateFile())).build();

            HttpResponse<String> doc = client.send(HttpRequest.newBuilder(api.resolve("/v1/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(doc.statusCode()).isEqualTo(200);
            assertThat(banner(hub)).contains("HTTPS API on " + api + "/v1", "--cacert " + hub.caCertificateFile(),
                    "HTTPS certificate (the hub's own CA): " + hub.httpCertificate().orElseThrow().getSubjectX500Principal().getName()
                            + ", issued by CN=ResourcePool hub CA");
            assertThat(hub.metricsUri()).isEmpty();
        }
    }

    @Test
    void theHubServesTheDashboardAtUiItsRootLeadsThereAndItsBannerSaysWhere() throws Exception {
        try (HubRuntime hub = start(Map.of("http.bind", "127.0.0.1:0"))) {
            URI api = hub.httpUri().orElseThrow();
            HttpClient client = HttpClient.newBuilder().sslContext(TrustedCa.context(hub.caCertificateFile())).build();

            HttpResponse<String> root = client.send(HttpRequest.newBuilder(api.resolve("/")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(api.resolve("/ui/")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(root.statusCode()).isEqualTo(302);
            assertThat(root.headers().firstValue("Location").orElseThrow()).endsWith("/ui/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<script type=\"module\" src=\"js/app.js\"></script>");
            assertThat(banner(hub)).contains("Dashboard on " + api + "/ui/");
        }
    }

    @Test
    void withoutHttpBindOrWithOffThereIsNoHttpServer() {
        for (Map<String, String> extra : java.util.List.of(Map.<String, String>of(), Map.of("http.bind", "off"))) {
            try (HubRuntime hub = start(extra)) {
                assertThat(hub.httpUri()).isEmpty();
                assertThat(banner(hub)).doesNotContain("HTTPS API", "Dashboard");
            }
        }
    }

    @Test
    void metricsOnAnAddressOfTheirOwnAreAnnounced() {
        try (HubRuntime hub = start(Map.of("http.bind", "127.0.0.1:0", "http.metrics-bind", "127.0.0.1:0"))) {
            assertThat(banner(hub)).contains("Prometheus metrics on " + hub.metricsUri().orElseThrow() + "/metrics");
        }
    }

    @Test
    void badHttpValuesStopTheStartNamingTheKey() {
        assertThatThrownBy(() -> start(Map.of("http.bind", "127.0.0.1:0", "http.max-body-bytes", "10")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("http.max-body-bytes");
        assertThatThrownBy(() -> start(Map.of("http.bind", "127.0.0.1:0", "http.metrics-role", "root")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("http.metrics-role");
        assertThatThrownBy(() -> start(Map.of("http.bind", "nowhere"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("http.bind");
    }
}
