package io.resourcepool.core.alert;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.Secret;
import java.net.InetAddress;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where alerts go and in which shape. HTTPS only, except to the machine itself (a local relay), because an alert
 * tells an eavesdropper what the hub has noticed. PagerDuty needs the service's routing key, which travels in the
 * body. Both it and the URL's path are secrets (a Slack or Discord webhook's path is its token): {@link #toString()}
 * shows only the format, scheme and host.
 */
public final class Webhook {
    private final URI url;
    private final WebhookFormat format;
    private final Optional<Secret> routingKey;

    private Webhook(URI url, WebhookFormat format, Optional<Secret> routingKey) {
        this.url = Objects.requireNonNull(url, "url must be given");
        this.format = Objects.requireNonNull(format, "format must be given");
        this.routingKey = routingKey;
        String scheme = String.valueOf(url.getScheme());
        if (url.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && isLoopback(url.getHost()))) {
            throw new ConfigurationException("the alert webhook " + url + " must be an https:// URL (http:// only to this machine)");
        }
        if (format == WebhookFormat.PAGERDUTY && routingKey.isEmpty()) {
            throw new ConfigurationException("the PagerDuty webhook " + url + " needs its routing key (the service's integration key)");
        }
    }

    /**
     * A webhook of a format that needs no key.
     *
     * @param url where to post
     * @param format the receiver's shape; not {@link WebhookFormat#PAGERDUTY}
     * @return the webhook
     * @throws ConfigurationException when the URL is not HTTPS, or the format needs a key
     */
    public static Webhook of(URI url, WebhookFormat format) {
        return new Webhook(url, format, Optional.empty());
    }

    /**
     * A PagerDuty Events API v2 webhook.
     *
     * @param url where to post, usually {@code https://events.pagerduty.com/v2/enqueue}
     * @param routingKey the service's integration key
     * @return the webhook
     */
    public static Webhook pagerDuty(URI url, Secret routingKey) {
        return new Webhook(url, WebhookFormat.PAGERDUTY, Optional.of(routingKey));
    }

    /**
     * Where to post.
     *
     * @return the URL
     */
    public URI url() {
        return url;
    }

    /**
     * The receiver's shape.
     *
     * @return the format
     */
    public WebhookFormat format() {
        return format;
    }

    /**
     * PagerDuty's routing key.
     *
     * @return the key; empty for other formats
     */
    public Optional<Secret> routingKey() {
        return routingKey;
    }

    private static boolean isLoopback(String host) {
        try {
            return host.equals("localhost") || InetAddress.getByName(host.replaceAll("^\\[|]$", "")).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return format.wireName() + " " + url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }
}
