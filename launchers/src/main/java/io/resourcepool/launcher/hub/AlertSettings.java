package io.resourcepool.launcher.hub;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.Secret;
import io.resourcepool.core.alert.AlertConfig;
import io.resourcepool.core.alert.Webhook;
import io.resourcepool.core.alert.WebhookFormat;
import io.resourcepool.launcher.client.TrustedCa;
import io.resourcepool.launcher.config.ConfigKey;
import io.resourcepool.launcher.config.Settings;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Reads the {@code alerts.*} keys. Webhooks are {@code [FORMAT=]URL}, comma-separated; a signing secret is required
 * as soon as there is one, and read from a variable or a file, never the configuration itself. Without webhooks,
 * alerts are still audited, logged and counted, and no secret is needed.
 */
final class AlertSettings {
    private AlertSettings() {}

    static AlertConfig read(Settings s) {
        List<Webhook> webhooks = webhooks(s);
        Secret secret = s.secret(ConfigKey.ALERTS_SECRET_ENV, ConfigKey.ALERTS_SECRET_FILE)
                .or(() -> webhooks.isEmpty() ? Optional.of(unused()) : Optional.empty())
                .orElseThrow(() -> new ConfigurationException(ConfigKey.ALERTS_WEBHOOKS.key() + " is set but neither "
                        + ConfigKey.ALERTS_SECRET_ENV.key() + " nor " + ConfigKey.ALERTS_SECRET_FILE.key()
                        + " is: every delivery is signed; give a key of 16 characters or more (openssl rand -hex 32)"));
        String hubName = s.text(ConfigKey.ALERTS_HUB_NAME).orElseGet(AlertSettings::hostName);
        try {
            return new AlertConfig(hubName, webhooks, secret, s.duration(ConfigKey.ALERTS_QUIET_PERIOD),
                    s.duration(ConfigKey.ALERTS_LONGEST_INCIDENT), s.integer(ConfigKey.ALERTS_LOGIN_FAILURES_PER_SOURCE),
                    s.integer(ConfigKey.ALERTS_LOGIN_FAILURES_IN_ALL), s.integer(ConfigKey.ALERTS_ATTEMPTS),
                    s.duration(ConfigKey.ALERTS_FIRST_RETRY), 1_000, java.time.Duration.ofSeconds(10),
                    s.duration(ConfigKey.ALERTS_CERTIFICATE_WARNING));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("the alerts' configuration is not valid: " + e.getMessage()
                    .replace("quietPeriod", ConfigKey.ALERTS_QUIET_PERIOD.key()).replace("longestIncident", ConfigKey.ALERTS_LONGEST_INCIDENT.key())
                    .replace("loginFailuresPerSource", ConfigKey.ALERTS_LOGIN_FAILURES_PER_SOURCE.key())
                    .replace("loginFailuresInAll", ConfigKey.ALERTS_LOGIN_FAILURES_IN_ALL.key())
                    .replace("attempts", ConfigKey.ALERTS_ATTEMPTS.key()).replace("firstRetry", ConfigKey.ALERTS_FIRST_RETRY.key())
                    .replace("certificateWarning", ConfigKey.ALERTS_CERTIFICATE_WARNING.key()), e);
        }
    }

    private static List<Webhook> webhooks(Settings s) {
        List<Webhook> webhooks = new ArrayList<>();
        for (String entry : s.text(ConfigKey.ALERTS_WEBHOOKS).map(v -> v.split(",")).orElse(new String[0])) {
            String text = entry.strip();
            if (text.isEmpty()) {
                continue;
            }
            int equals = text.indexOf('=');
            boolean named = equals > 0 && !text.substring(0, equals).contains(":");
            try {
                WebhookFormat format = named ? WebhookFormat.named(text.substring(0, equals)) : WebhookFormat.GENERIC;
                URI url = URI.create(named ? text.substring(equals + 1).strip() : text);
                webhooks.add(format == WebhookFormat.PAGERDUTY ? Webhook.pagerDuty(url, pagerDutyKey(s)) : Webhook.of(url, format));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(ConfigKey.ALERTS_WEBHOOKS.key() + ": " + e.getMessage(), e);
            } catch (ConfigurationException e) {
                throw new ConfigurationException(ConfigKey.ALERTS_WEBHOOKS.key() + ": " + e.getMessage(), e);
            }
        }
        return webhooks;
    }

    private static Secret pagerDutyKey(Settings s) {
        return s.secret(ConfigKey.ALERTS_PAGERDUTY_KEY_ENV, ConfigKey.ALERTS_PAGERDUTY_KEY_FILE).orElseThrow(() -> new ConfigurationException(
                "a pagerduty= webhook needs the service's routing key: set " + ConfigKey.ALERTS_PAGERDUTY_KEY_ENV.key() + " or "
                        + ConfigKey.ALERTS_PAGERDUTY_KEY_FILE.key()));
    }

    /** The TLS trust for the webhooks: one private CA ({@code alerts.ca-file}), or the JDK's own when not set. */
    static Optional<SSLContext> trust(Settings s) {
        if (s.text(ConfigKey.ALERTS_CA_FILE).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TrustedCa.context(s.path(ConfigKey.ALERTS_CA_FILE)));
        } catch (Exception e) {
            throw new ConfigurationException(ConfigKey.ALERTS_CA_FILE.key() + ": cannot read a CA certificate from "
                    + s.path(ConfigKey.ALERTS_CA_FILE) + ": " + e.getMessage(), e);
        }
    }

    /** A key nobody knows, for a notifier that posts nowhere. */
    private static Secret unused() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Secret.of(HexFormat.of().formatHex(key));
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "hub";
        }
    }
}
