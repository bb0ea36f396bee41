package io.resourcepool.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.AuditEntry;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.core.alert.AlertConfig;
import io.resourcepool.core.alert.AlertNotifier;
import io.resourcepool.core.alert.Webhook;
import io.resourcepool.core.alert.WebhookFormat;
import io.resourcepool.testkit.webhook.ReceivedDelivery;
import io.resourcepool.testkit.webhook.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The honeypot over real HTTPS: a decoy path is answered as any unknown path, and the touch is audited with its
 * source, alerted to a real HTTPS receiver, and charged to the source, whose next login is refused.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HoneypotTest {
    private static final String SECRET = "whsec-honeypot-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final WebhookReceiver receiver = WebhookReceiver.start();
    private AlertNotifier notifier;
    private GatewayFixture pool;

    @BeforeEach
    void start() {
        AlertConfig config = AlertConfig.defaults("hub-test", List.of(Webhook.of(receiver.url("/hook"), WebhookFormat.GENERIC)),
                Secret.of(SECRET)).withGathering(Duration.ofMillis(300), Duration.ofSeconds(30));
        pool = GatewayFixture.observed(dir, fixture -> {
            notifier = AlertNotifier.start(config, fixture.store.audit(), InstantSource.system(), fixture.metrics.alertCounters(),
                    Optional.of(WebhookReceiver.clientTrust()));
            return notifier.observer();
        }, UnaryOperator.identity());
    }

    @AfterEach
    void stop() {
        pool.close();
        notifier.close();
        receiver.close();
    }

    @Test
    void aDecoyIsAnsweredAsAnUnknownPathButIsAuditedAlertedAndSlowsItsSource() {
        Reply unknown = pool.get("/nothing-is-here", "");
        Reply decoy = pool.get("/.env", "");

        assertThat(decoy.status()).isEqualTo(404).isEqualTo(unknown.status());
        assertThat(decoy.body()).isEqualTo(unknown.body());
        assertThat(decoy.headers().map()).containsOnlyKeys(unknown.headers().map().keySet());

        List<AuditEntry> touched = pool.store.audit().list(new AuditQuery(Optional.empty(), Optional.of("honeypot."), Optional.empty(), 10));
        assertThat(touched).singleElement().satisfies(row -> {
            assertThat(row.event().target()).isEqualTo("GET /.env");
            assertThat(row.event().sourceAddress()).startsWith("127.0.0.1:");
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> !alerts().isEmpty());
        JsonNode alert = alerts().getFirst();
        assertThat(alert.get("kind").asText()).isEqualTo("honeypot-touched");
        assertThat(alert.get("subject").asText()).isEqualTo("127.0.0.1");
        assertThat(receiver.received()).allSatisfy(d -> assertThat(d.signedWith(SECRET, Duration.ofMinutes(5))).isTrue());
        assertThat(scrape().value("resourcepool_alerts_total", java.util.Map.of("kind", "honeypot-touched"))).contains(1.0);

        Reply login = pool.post("/v1/auth/login", "", "{\"username\":\"admin\",\"password\":\"" + GatewayFixture.ADMIN_PASSWORD.reveal() + "\"}");
        assertThat(login.status()).isEqualTo(429);
        assertThat(login.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void pathsBelowADecoyAreDecoysTooAndRealPathsAreNot() {
        pool.get("/phpmyadmin/index.php", "");
        pool.get("/ui/", "");
        pool.get("/v1/pool", "");

        assertThat(pool.store.audit().list(new AuditQuery(Optional.empty(), Optional.of("honeypot."), Optional.empty(), 10)))
                .extracting(row -> row.event().target()).containsExactly("GET /phpmyadmin/index.php");
    }

    private PrometheusText scrape() {
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        try {
            new io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter(false).write(text, pool.metrics.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PrometheusText.parse(text.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    private List<JsonNode> alerts() {
        return receiver.received().stream().filter(d -> d.status() == 204).map(ReceivedDelivery::body).map(HoneypotTest::parse).toList();
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
