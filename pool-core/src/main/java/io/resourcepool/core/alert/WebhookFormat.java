package io.resourcepool.core.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON each kind of receiver expects. Every format carries the same facts; the generic one carries them as
 * plain fields, for a receiver of one's own.
 */
public enum WebhookFormat {
    /** The alert's own fields: see {@code docs/ALERTS.md}. */
    GENERIC,
    /** A Slack incoming webhook: {@code text} plus a block of fields. */
    SLACK,
    /** A Discord webhook: {@code content} plus an embed. */
    DISCORD,
    /** PagerDuty Events API v2: a {@code trigger} event, deduplicated by kind and subject. */
    PAGERDUTY;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The name in settings.
     *
     * @return for example {@code slack}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Looks a format up by its name in settings.
     *
     * @param name for example {@code discord}
     * @return the format
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static WebhookFormat named(String name) {
        for (WebhookFormat f : values()) {
            if (f.wireName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown webhook format '" + name + "'; use generic, slack, discord or pagerduty");
    }

    /**
     * The body to post.
     *
     * @param alert the alert
     * @param webhook the webhook, for PagerDuty's routing key
     * @return the JSON
     */
    public String body(Alert alert, Webhook webhook) {
        ObjectNode root = switch (this) {
            case GENERIC -> generic(alert);
            case SLACK -> slack(alert);
            case DISCORD -> discord(alert);
            case PAGERDUTY -> pagerDuty(alert, webhook.routingKey().orElseThrow().reveal());
        };
        return root.toString();
    }

    private static ObjectNode generic(Alert alert) {
        ObjectNode root = JSON.createObjectNode();
        root.put("kind", alert.kind().wireName());
        root.put("severity", alert.kind().severity().wireName());
        root.put("title", alert.title());
        root.put("subject", alert.subject());
        root.put("count", alert.count());
        root.put("firstAt", alert.firstAt().toString());
        root.put("lastAt", alert.lastAt().toString());
        root.put("detail", alert.detail());
        root.put("hub", alert.hub());
        ObjectNode subjects = root.putObject("subjects");
        alert.subjects().forEach(subjects::put);
        return root;
    }

    private static ObjectNode slack(Alert alert) {
        ObjectNode root = JSON.createObjectNode();
        root.put("text", headline(alert));
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", "*" + headline(alert) + "*\n" + alert.detail());
        ArrayNode fields = section.putArray("fields");
        facts(alert).forEach((name, value) -> fields.addObject().put("type", "mrkdwn").put("text", "*" + name + "*\n" + value));
        return root;
    }

    private static ObjectNode discord(Alert alert) {
        ObjectNode root = JSON.createObjectNode();
        root.put("content", headline(alert));
        ObjectNode embed = root.putArray("embeds").addObject();
        embed.put("title", alert.title());
        embed.put("description", alert.detail());
        embed.put("timestamp", alert.lastAt().toString());
        ArrayNode fields = embed.putArray("fields");
        facts(alert).forEach((name, value) -> fields.addObject().put("name", name).put("value", value).put("inline", true));
        return root;
    }

    private static ObjectNode pagerDuty(Alert alert, String routingKey) {
        ObjectNode root = JSON.createObjectNode();
        root.put("routing_key", routingKey);
        root.put("event_action", "trigger");
        root.put("dedup_key", "resourcepool/" + alert.hub() + "/" + alert.kind().wireName() + "/" + alert.subject());
        ObjectNode payload = root.putObject("payload");
        payload.put("summary", headline(alert));
        payload.put("source", alert.hub());
        payload.put("severity", alert.kind().severity().wireName());
        payload.put("timestamp", alert.lastAt().toString());
        payload.put("class", alert.kind().wireName());
        ObjectNode details = payload.putObject("custom_details");
        facts(alert).forEach(details::put);
        details.put("detail", alert.detail());
        return root;
    }

    private static String headline(Alert alert) {
        return "[" + alert.hub() + "] " + alert.title();
    }

    private static Map<String, String> facts(Alert alert) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("kind", alert.kind().wireName());
        facts.put("severity", alert.kind().severity().wireName());
        facts.put("count", Long.toString(alert.count()));
        facts.put("first", alert.firstAt().toString());
        facts.put("last", alert.lastAt().toString());
        if (!alert.subjects().isEmpty()) {
            facts.put("subjects", alert.subjects().toString());
        }
        return facts;
    }
}
