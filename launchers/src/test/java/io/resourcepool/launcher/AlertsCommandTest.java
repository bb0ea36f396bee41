package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.launcher.PoolCli.Outcome;
import io.resourcepool.testkit.certs.TestCertificates;
import io.resourcepool.testkit.webhook.ReceivedDelivery;
import io.resourcepool.testkit.webhook.WebhookReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pool admin alerts test} against a pool configured from settings ({@code alerts.*}) and a real HTTPS receiver:
 * an admin's test alert arrives signed with the key from {@code alerts.secret-file}; anyone else is refused.
 */
class AlertsCommandTest {
    private static final String SECRET = "whsec-from-a-file-0123456789";

    private final WebhookReceiver receiver = WebhookReceiver.start();
    private LivePool pool;

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.close();
        }
        receiver.close();
    }

    @Test
    void anAdminsTestAlertArrivesSignedAndAViewerIsRefused(@TempDir Path dir) throws IOException {
        Path secretFile = Files.writeString(dir.resolve("alert-secret"), SECRET + "\n");
        pool = new LivePool(dir, Map.of("alerts.webhooks", "generic=" + receiver.url("/hook"), "alerts.secret-file", secretFile.toString(),
                "alerts.ca-file", TestCertificates.writeCa(dir).toString(), "alerts.quiet-period", "200ms", "alerts.hub-name", "lab-hub"));
        try (PoolClient admin = pool.admin()) {
            admin.admin().addUser("erin", Role.VIEWER, Secret.of("erin-password"));
        }
        PoolCli cli = new PoolCli(pool, dir);

        cli.login("erin", "erin-password");
        cli.login("admin", LivePool.ADMIN_PASSWORD.reveal());

        Outcome refused = cli.run("admin", "alerts", "test", "--session", "erin");
        Outcome sent = cli.run("admin", "alerts", "test", "--session", "admin");

        assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
        assertThat(sent.exitCode()).as(sent.toString()).isZero();
        assertThat(sent.out()).contains("test alert requested");
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().stream().anyMatch(d -> d.status() == 204));
        ReceivedDelivery delivery = receiver.received().getFirst();
        assertThat(delivery.signedWith(SECRET, Duration.ofMinutes(5))).isTrue();
        assertThat(delivery.body()).contains("\"kind\":\"test\"", "\"hub\":\"lab-hub\"", "asked for by admin");
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void withCheckpointAlertsEachSignedCheckpointAlsoGoesToTheWebhook(@TempDir Path dir) throws IOException {
        Path secretFile = Files.writeString(dir.resolve("alert-secret"), SECRET + "\n");
        pool = new LivePool(dir, Map.of("alerts.webhooks", "generic=" + receiver.url("/hook"), "alerts.secret-file", secretFile.toString(),
                "alerts.ca-file", TestCertificates.writeCa(dir).toString(), "alerts.quiet-period", "200ms", "audit.checkpoint-alerts", "true"));
        PoolCli cli = new PoolCli(pool, dir);
        cli.login("admin", LivePool.ADMIN_PASSWORD.reveal());

        Outcome verified = cli.run("admin", "audit", "verify");

        assertThat(verified.exitCode()).as(verified.toString()).isZero();
        String checkpoint = Files.readAllLines(dir.resolve("hub").resolve("audit-checkpoints")).getLast();
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().stream().anyMatch(d -> d.body().contains(checkpoint)));
        ReceivedDelivery copy = receiver.received().stream().filter(d -> d.body().contains(checkpoint)).findFirst().orElseThrow();
        assertThat(copy.body()).contains("\"kind\":\"audit-checkpoint\"");
        assertThat(copy.signedWith(SECRET, Duration.ofMinutes(5))).isTrue();
    }
}
