package io.resourcepool.core.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.resourcepool.api.JobState;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.AuditEntry;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.core.auth.Authenticator;
import io.resourcepool.core.hub.HubObserver;
import io.resourcepool.testkit.store.InMemoryStore;
import io.resourcepool.testkit.webhook.ReceivedDelivery;
import io.resourcepool.testkit.webhook.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The notifier against a real HTTPS receiver: every kind of alert arrives once per incident, signed; a failing
 * receiver is tried again; what is below a spike's threshold is not told; every alert is audited and counted.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AlertNotifierTest {
    static final String SECRET = "whsec-test-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration QUIET = Duration.ofMillis(300);

    private final WebhookReceiver receiver = WebhookReceiver.start();
    private final InMemoryStore store = InMemoryStore.opened();
    private final Counted counters = new Counted();
    private final List<AlertNotifier> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(AlertNotifier::close);
        receiver.close();
    }

    @Test
    void everyKindFiresOncePerIncidentSignedWithTheSharedSecret() {
        AlertNotifier notifier = notifier(config().withSpikeAt(3, 100));
        HubObserver hub = notifier.observer();
        for (int i = 0; i < 3; i++) {
            hub.audited(row("mallory", "login.failed", "", "203.0.113.7:4000", "unknown user"));
            hub.audited(row("bob", "login.failed", "", "203.0.113.7:4001", "wrong password; " + Authenticator.LOCKED_NOW + "2030-01-01T00:00:00Z"));
            hub.audited(row("", "login.rate-limited", "", "203.0.113.8:4000", "refused until later"));
            hub.nodeOffline("lab-1");
            hub.audited(row("admin", "node.removed", "lab-2", "", "certificate revoked"));
            hub.audited(row("alice", "job.finished", "job-" + i, "", JobState.LOST.name() + " on lab-1"));
            hub.audited(row("", "honeypot.touched", "GET /.env", "192.0.2.9:5000", "decoy"));
            hub.audited(row("carol", Authenticator.REFRESH_REUSE, "carol", "192.0.2.10:5000", "family f ended"));
            hub.auditVerifyFailed("broken at row 7: its hash does not match");
            hub.storeUnreachable("connection refused");
            hub.audited(row("admin", "alert.test-requested", "", "", ""));
        }
        notifier.watchCertificate("hub CA", () -> Instant.now().plus(Duration.ofDays(3)));
        notifier.raise(AlertKind.AUDIT_CHECKPOINT, "checkpoint 7", "checkpoint 7 of the audit log, signed");

        List<JsonNode> alerts = awaitAlerts(AlertKind.values().length);

        Map<String, JsonNode> byKind = alerts.stream().collect(Collectors.toMap(a -> a.get("kind").asText(), Function.identity()));
        assertThat(byKind).containsOnlyKeys(java.util.Arrays.stream(AlertKind.values()).map(AlertKind::wireName).toList());
        assertThat(byKind.get("login-failure-spike").get("subject").asText()).isEqualTo("203.0.113.7");
        assertThat(byKind.get("login-failure-spike").get("count").asLong()).isEqualTo(6);
        assertThat(byKind.get("account-locked").get("subject").asText()).isEqualTo("bob");
        assertThat(byKind.get("node-offline").get("count").asLong()).isEqualTo(3);
        assertThat(byKind.get("job-lost").get("count").asLong()).isEqualTo(3);
        assertThat(byKind.get("honeypot-touched").get("subject").asText()).isEqualTo("192.0.2.9");
        assertThat(byKind.get("refresh-token-reused").get("subject").asText()).isEqualTo("carol");
        assertThat(byKind.get("certificate-expiring").get("subject").asText()).isEqualTo("hub CA");
        assertThat(receiver.received()).allSatisfy(d -> assertThat(d.signedWith(SECRET, Duration.ofMinutes(5))).isTrue());
        assertThat(receiver.received()).noneSatisfy(d -> assertThat(d.signedWith("another-secret-0123456789", Duration.ofMinutes(5))).isTrue());
        assertThat(counters.raised).hasSize(AlertKind.values().length);
        assertThat(store.audit().list(new AuditQuery(Optional.empty(), Optional.of("alert.raised"), Optional.empty(), 100)))
                .extracting(AuditEntry::event).extracting(AuditEvent::target)
                .containsExactlyInAnyOrderElementsOf(byKind.keySet());
    }

    @Test
    void aSecondIncidentAfterTheFirstWentQuietIsASecondAlert() {
        AlertNotifier notifier = notifier(config());
        notifier.observer().nodeOffline("lab-1");
        awaitAlerts(1);
        notifier.observer().nodeOffline("lab-1");

        assertThat(awaitAlerts(2)).extracting(a -> a.get("count").asLong()).containsExactly(1L, 1L);
    }

    @Test
    void aReceiverThatFailsIsTriedAgainWithAFreshSignature() {
        receiver.failNext(2);
        AlertNotifier notifier = notifier(config().withRetries(4, Duration.ofMillis(50)));

        notifier.observer().audited(row("admin", "alert.test-requested", "", "", ""));

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 3);
        assertThat(receiver.received()).extracting(ReceivedDelivery::status).containsExactly(500, 500, 204);
        assertThat(receiver.received()).allSatisfy(d -> assertThat(d.signedWith(SECRET, Duration.ofMinutes(5))).isTrue());
        assertThat(receiver.received()).extracting(ReceivedDelivery::body).containsOnly(receiver.received().getFirst().body());
        assertThat(counters.failed.get()).isZero();
    }

    @Test
    void aReceiverThatNeverAnswersWellIsGivenUpAndCounted() {
        receiver.failNext(1_000);
        AlertNotifier notifier = notifier(config().withRetries(3, Duration.ofMillis(20)));

        notifier.observer().storeUnreachable("connection refused");

        await().atMost(Duration.ofSeconds(20)).until(() -> counters.failed.get() == 1);
        assertThat(receiver.received()).hasSize(3);
    }

    @Test
    void aWebhookThatCannotKeepUpHasAlertsDroppedAndCountedWhileTheOthersAreStillRecorded() {
        receiver.failNext(1_000);
        AlertConfig slow = config();
        AlertNotifier notifier = notifier(new AlertConfig(slow.hubName(), slow.webhooks(), slow.signingSecret(), slow.quietPeriod(),
                slow.longestIncident(), 20, 100, 2, Duration.ofMinutes(1), 1, slow.requestTimeout(), slow.certificateWarning()));

        for (String node : List.of("lab-1", "lab-2", "lab-3")) {
            notifier.observer().nodeOffline(node);
        }

        // one alert is being tried (and waits a minute to retry), one more fits the queue: at least the third is dropped;
        // each is offered to the webhooks before it is recorded, so the last row may follow the drop
        await().atMost(Duration.ofSeconds(20)).until(() -> counters.dropped.get() >= 1
                && store.audit().list(new AuditQuery(Optional.empty(), Optional.of("alert.raised"), Optional.empty(), 10)).size() == 3);
        assertThat(counters.dropped.get()).isBetween(1, 2);
        assertThat(counters.raised.get(AlertKind.NODE_OFFLINE)).isEqualTo(3);
    }

    @Test
    void failedLoginsBelowTheSpikeThresholdAreNotTold() {
        AlertNotifier notifier = notifier(config().withSpikeAt(5, 10));
        for (int i = 0; i < 4; i++) {
            notifier.observer().audited(row("mallory", "login.failed", "", "203.0.113.7:4000", "unknown user"));
        }
        notifier.observer().nodeOffline("lab-1");

        List<JsonNode> alerts = awaitAlerts(1);

        assertThat(alerts).extracting(a -> a.get("kind").asText()).containsExactly("node-offline");
        assertThat(counters.raised).containsOnlyKeys(AlertKind.NODE_OFFLINE);
    }

    @Test
    void failedLoginsFromManySourcesMakeOneSpikeInAll() {
        AlertNotifier notifier = notifier(config().withSpikeAt(5, 10));
        for (int i = 0; i < 12; i++) {
            notifier.observer().audited(row("mallory", "login.failed", "", "203.0.113." + i + ":4000", "unknown user"));
        }

        JsonNode spike = awaitAlerts(1).getFirst();

        assertThat(spike.get("kind").asText()).isEqualTo("login-failure-spike");
        assertThat(spike.get("count").asLong()).isEqualTo(12);
        assertThat(spike.get("subjects").size()).isEqualTo(Alert.MAX_SUBJECTS);
    }

    private AlertConfig config() {
        return AlertConfig.defaults("hub-test", List.of(Webhook.of(receiver.url("/hook"), WebhookFormat.GENERIC)), Secret.of(SECRET))
                .withGathering(QUIET, Duration.ofSeconds(30))
                .withRetries(3, Duration.ofMillis(50));
    }

    private AlertNotifier notifier(AlertConfig config) {
        AlertNotifier notifier = AlertNotifier.start(config, store.audit(), InstantSource.system(), counters,
                Optional.of(WebhookReceiver.clientTrust()));
        started.add(notifier);
        return notifier;
    }

    /** Waits for that many good deliveries, then a while longer, to see that no more come. */
    private List<JsonNode> awaitAlerts(int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> delivered().size() >= count);
        await("no further delivery").during(QUIET.multipliedBy(3)).atMost(QUIET.multipliedBy(3).plusSeconds(10))
                .until(() -> delivered().size() == count);
        List<JsonNode> alerts = delivered();
        assertThat(alerts).hasSize(count);
        return alerts;
    }

    private List<JsonNode> delivered() {
        return receiver.received().stream().filter(d -> d.status() == 204).map(d -> parse(d.body())).toList();
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AuditEvent row(String actor, String action, String target, String source, String detail) {
        return new AuditEvent(Instant.now(), actor, action, target, source, detail);
    }

    /** What the notifier counted. */
    static final class Counted implements AlertCounters {
        final Map<AlertKind, Integer> raised = new ConcurrentHashMap<>();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger dropped = new AtomicInteger();

        @Override
        public void raised(Alert alert) {
            raised.merge(alert.kind(), 1, Integer::sum);
        }

        @Override
        public void deliveryFailed(Webhook webhook) {
            failed.incrementAndGet();
        }

        @Override
        public void dropped(Webhook webhook) {
            dropped.incrementAndGet();
        }
    }
}
