package io.resourcepool.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.Secret;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each receiver's shape carries the alert's facts where that receiver reads them. */
class WebhookFormatTest {
    private static final Alert SPIKE = new Alert(AlertKind.LOGIN_FAILURE_SPIKE, "203.0.113.7", 1000,
            Instant.parse("2026-01-01T10:00:00Z"), Instant.parse("2026-01-01T10:00:09Z"), "last: mallory",
            Map.of("203.0.113.7", 1000L), "hub-1");
    private static final URI URL = URI.create("https://hooks.example.com/services/T000/B000/secret-path");

    @Test
    void genericCarriesEveryFieldPlainly() {
        JsonNode body = AlertNotifierTest.parse(WebhookFormat.GENERIC.body(SPIKE, Webhook.of(URL, WebhookFormat.GENERIC)));

        assertThat(body.get("kind").asText()).isEqualTo("login-failure-spike");
        assertThat(body.get("severity").asText()).isEqualTo("warning");
        assertThat(body.get("count").asLong()).isEqualTo(1000);
        assertThat(body.get("hub").asText()).isEqualTo("hub-1");
        assertThat(body.get("subjects").get("203.0.113.7").asLong()).isEqualTo(1000);
        assertThat(body.get("title").asText()).isEqualTo("failed logins spiked: 203.0.113.7 (1000 times)");
    }

    @Test
    void slackAndDiscordHaveTheTextTheyShow() {
        JsonNode slack = AlertNotifierTest.parse(WebhookFormat.SLACK.body(SPIKE, Webhook.of(URL, WebhookFormat.SLACK)));
        JsonNode discord = AlertNotifierTest.parse(WebhookFormat.DISCORD.body(SPIKE, Webhook.of(URL, WebhookFormat.DISCORD)));

        assertThat(slack.get("text").asText()).isEqualTo("[hub-1] failed logins spiked: 203.0.113.7 (1000 times)");
        assertThat(slack.get("blocks").get(0).get("type").asText()).isEqualTo("section");
        assertThat(discord.get("content").asText()).isEqualTo(slack.get("text").asText());
        assertThat(discord.get("embeds").get(0).get("timestamp").asText()).isEqualTo("2026-01-01T10:00:09Z");
    }

    @Test
    void pagerDutyIsATriggerEventOfTheEventsApiV2() {
        Webhook webhook = Webhook.pagerDuty(URI.create("https://events.pagerduty.com/v2/enqueue"), Secret.of("R0UTINGKEY"));

        JsonNode body = AlertNotifierTest.parse(WebhookFormat.PAGERDUTY.body(SPIKE, webhook));

        assertThat(body.get("routing_key").asText()).isEqualTo("R0UTINGKEY");
        assertThat(body.get("event_action").asText()).isEqualTo("trigger");
        assertThat(body.get("dedup_key").asText()).isEqualTo("resourcepool/hub-1/login-failure-spike/203.0.113.7");
        assertThat(body.get("payload").get("severity").asText()).isEqualTo("warning");
        assertThat(body.get("payload").get("source").asText()).isEqualTo("hub-1");
        assertThat(body.get("payload").get("summary").asText()).contains("failed logins spiked");
    }

    @Test
    void aWebhookNeverShowsItsPathOrKey() {
        assertThat(Webhook.of(URL, WebhookFormat.SLACK)).hasToString("slack https://hooks.example.com");
        assertThat(Webhook.pagerDuty(URL, Secret.of("R0UTINGKEY")).toString()).doesNotContain("R0UTINGKEY");
    }

    @Test
    void plainHttpIsRefusedExceptToThisMachine() {
        assertThatThrownBy(() -> Webhook.of(URI.create("http://hooks.example.com/x"), WebhookFormat.GENERIC))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("https://");
        assertThat(Webhook.of(URI.create("http://127.0.0.1:9000/x"), WebhookFormat.GENERIC).url().getPort()).isEqualTo(9000);
    }

    @Test
    void pagerDutyWithoutARoutingKeyIsRefused() {
        assertThatThrownBy(() -> Webhook.of(URL, WebhookFormat.PAGERDUTY)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("routing key");
    }

    @Test
    void aShortSigningSecretIsRefused() {
        assertThatThrownBy(() -> new AlertSignature(Secret.of("short"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("at least 16");
    }
}
