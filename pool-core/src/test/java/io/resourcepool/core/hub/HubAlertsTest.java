package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeSelector;
import io.resourcepool.api.PoolException;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.core.alert.AlertConfig;
import io.resourcepool.core.alert.AlertCounters;
import io.resourcepool.core.alert.AlertNotifier;
import io.resourcepool.core.alert.Webhook;
import io.resourcepool.core.alert.WebhookFormat;
import io.resourcepool.core.auth.Authenticator;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.core.protocol.ControlMessage;
import io.resourcepool.core.protocol.EnrolmentMessage;
import io.resourcepool.core.protocol.ErrorCode;
import io.resourcepool.transport.tls.WorkerIdentity;
import io.resourcepool.testkit.webhook.ReceivedDelivery;
import io.resourcepool.testkit.webhook.WebhookReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real hub, its alert notifier and a real HTTPS receiver: a flood of failed logins makes one signed spike alert
 * with its count while the hub goes on serving others, and an admin's test alert is audited and delivered.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HubAlertsTest {
    private static final String SECRET = "whsec-hub-test-0123456789";
    private static final Duration QUIET = Duration.ofMillis(500);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Secret DECOY_TOKEN = Secret.of("pj_4f1c2d_decoy-token-planted-in-an-old-config");

    @TempDir
    Path dataDir;

    private final WebhookReceiver receiver = WebhookReceiver.start();
    private AlertNotifier notifier;
    private TlsHubFixture fixture;

    @BeforeEach
    void start() {
        AlertConfig config = AlertConfig.defaults("hub-test", List.of(Webhook.of(receiver.url("/hook"), WebhookFormat.GENERIC)),
                Secret.of(SECRET)).withGathering(QUIET, Duration.ofMinutes(1));
        fixture = TlsHubFixture.observed(dataDir, store -> {
            notifier = AlertNotifier.start(config, store.audit(), InstantSource.system(), AlertCounters.NONE,
                    Optional.of(WebhookReceiver.clientTrust()));
            return notifier.observer();
        }, settings -> settings.withAuth(settings.auth().withDecoyAccounts(Set.of("root", "backup-admin"))),
                hub -> hub.decoyJoinTokens(List.of(DECOY_TOKEN)));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
        notifier.close();
        receiver.close();
    }

    @Test
    void aThousandFailedLoginsMakeOneSpikeAlertWithTheCountWhileAnotherUserLogsIn() {
        for (int i = 0; i < 1_000; i++) {
            Secret guess = Secret.of("guess-" + i);
            try (PoolClient stranger = inProcess("203.0.113.7:" + (20_000 + i))) {
                assertThatThrownBy(() -> stranger.login("mallory", guess)).isInstanceOf(PoolException.class);
            }
        }
        try (PoolClient admin = inProcess("198.51.100.2:5000").login("admin", TlsHubFixture.ADMIN_PASSWORD)) {
            assertThat(admin.role()).contains(Role.ADMIN);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> alertsOf("login-failure-spike").size() == 1);
        await("no second spike alert").during(QUIET.multipliedBy(3)).atMost(QUIET.multipliedBy(3).plusSeconds(10))
                .until(() -> alertsOf("login-failure-spike").size() == 1);

        List<JsonNode> spikes = alertsOf("login-failure-spike");
        assertThat(spikes).hasSize(1);
        assertThat(spikes.getFirst().get("count").asLong()).isEqualTo(1_000);
        assertThat(spikes.getFirst().get("subject").asText()).isEqualTo("203.0.113.7");
        assertThat(alertsOf("rate-limited")).hasSize(1);
        assertThat(receiver.received()).allSatisfy(d -> assertThat(d.signedWith(SECRET, Duration.ofMinutes(5))).isTrue());
    }

    @Test
    void wrongCurrentPasswordsThatLockAnAccountAreAlertedAsFailedLogins() {
        try (PoolClient admin = inProcess("198.51.100.2:5000").login("admin", TlsHubFixture.ADMIN_PASSWORD)) {
            admin.admin().addUser("finn", Role.VIEWER, Secret.of("finn-password-1"));
        }
        try (PoolClient finn = inProcess("203.0.113.9:4000").login("finn", Secret.of("finn-password-1"))) {
            for (int i = 0; i < 5; i++) {
                Secret wrong = Secret.of("wrong-" + i);
                assertThatThrownBy(() -> finn.mfa().setUpOwn(wrong)).isInstanceOf(PoolException.class);
            }
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> alertsOf("account-locked").size() == 1);
        assertThat(alertsOf("account-locked").getFirst().get("subject").asText()).isEqualTo("finn");
    }

    @Test
    void anAdminsTestAlertIsAuditedAndDelivered() {
        try (PoolClient admin = fixture.admin()) {
            admin.admin().testAlert();

            await().atMost(Duration.ofSeconds(30)).until(() -> alertsOf("test").size() == 1);
            assertThat(admin.admin().audit("admin", "alert.test-requested", 10)).hasSize(1);
            assertThat(admin.admin().audit("hub", "alert.raised", 10)).singleElement()
                    .satisfies(row -> assertThat(row.target()).isEqualTo("test"));
        }
        assertThat(alertsOf("test").getFirst().get("detail").asText()).isEqualTo("asked for by admin");
    }

    @Test
    void aDecoyAccountNeverLogsInEvenWhenAUserHasItsNameAndIsAuditedAndAlerted() {
        try (PoolClient admin = fixture.admin()) {
            admin.admin().addUser("root", Role.ADMIN, Secret.of("a-real-password-1"));
        }
        try (PoolClient prober = inProcess("192.0.2.50:4000")) {
            assertThatThrownBy(() -> prober.login("Root", Secret.of("a-real-password-1"))).isInstanceOf(AuthenticationException.class)
                    .hasMessage(Authenticator.LOGIN_FAILED);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> alertsOf("honeypot-touched").size() == 1);
        assertThat(alertsOf("honeypot-touched").getFirst().get("subject").asText()).isEqualTo("192.0.2.50");
        try (PoolClient admin = fixture.admin()) {
            assertThat(admin.admin().audit("", "honeypot.account", 10)).singleElement()
                    .satisfies(row -> assertThat(row.sourceAddress()).isEqualTo("192.0.2.50:4000"));
            assertThat(admin.admin().audit("root", "login.", 10)).isEmpty();
        }
    }

    @Test
    void aDecoyJoinTokenNeverEnrollsAndIsAuditedAndAlerted() {
        ControlMessage.Error refused;
        try (RawTlsClient enrolling = fixture.raw()) {
            enrolling.hello("worker");
            enrolling.send(new EnrolmentMessage.Enroll(1, DECOY_TOKEN.reveal(), WorkerIdentity.openOrCreate(dataDir.resolve("worker"))
                    .certificationRequestPem(), "intruder-host"));
            refused = enrolling.expect(ControlMessage.Error.class);
        }

        assertThat(refused.code()).isEqualTo(ErrorCode.AUTH_REQUIRED.name());
        await().atMost(Duration.ofSeconds(30)).until(() -> alertsOf("honeypot-touched").size() == 1);
        try (PoolClient admin = fixture.admin()) {
            assertThat(admin.admin().audit("", "honeypot.join-token", 10)).hasSize(1);
            assertThat(admin.admin().audit("", "node.enrolled", 10)).isEmpty();
        }
    }

    @Test
    void aWorkerGoneItsLostJobAndAnotherNodesRemovalAreOneAlertEach() {
        try (PoolClient admin = fixture.admin()) {
            RawWorker gone = RawWorker.enrolled(fixture, admin, dataDir.resolve("w1"));
            gone.register();
            RawWorker removed = RawWorker.enrolled(fixture, admin, dataDir.resolve("w2"));
            removed.register();
            admin.submit(JobSpec.of("sleep", "60").withTarget(NodeSelector.named(gone.node())));
            gone.expectTask();

            gone.disconnect();
            fixture.clock.advance(HubConfig.defaults(dataDir).nodeTimeout().plusSeconds(1));
            admin.admin().removeNode(removed.node());

            await().atMost(Duration.ofSeconds(30)).until(() -> alertsOf("job-lost").size() == 1 && alertsOf("node-removed").size() == 1);
            await("no further alert").during(QUIET.multipliedBy(3)).atMost(QUIET.multipliedBy(3).plusSeconds(10))
                    .until(() -> alertsOf("job-lost").size() == 1 && alertsOf("node-removed").size() == 1 && alertsOf("node-offline").size() <= 1);
            assertThat(alertsOf("node-offline")).singleElement()
                    .satisfies(alert -> assertThat(alert.get("subject").asText()).isEqualTo(gone.node().value()));
            assertThat(alertsOf("node-removed")).singleElement()
                    .satisfies(alert -> assertThat(alert.get("subject").asText()).isEqualTo(removed.node().value()));
            assertThat(alertsOf("job-lost")).singleElement().satisfies(alert -> assertThat(alert.get("count").asLong()).isEqualTo(1));
        }
    }

    private PoolClient inProcess(String source) {
        return PoolClient.over(fixture.hub.connectInProcess(source), fixture.hub.maxFrameBytes());
    }

    private List<JsonNode> alertsOf(String kind) {
        return receiver.received().stream().filter(d -> d.status() == 204).map(ReceivedDelivery::body).map(HubAlertsTest::parse)
                .filter(a -> a.get("kind").asText().equals(kind)).toList();
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
