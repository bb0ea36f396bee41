package io.resourcepool.core.alert;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to one webhook, in order, on a virtual thread of its own, so that a slow or failing receiver
 * delays only its own alerts. Each delivery is signed afresh at each try (a retry carries a new time), and retried
 * after a network failure, a 5xx or a 429, waiting twice as long each time; another answer is final. Alerts beyond
 * the queue's bound are dropped and counted: the hub never waits for a receiver.
 *
 * <p>Ownership: owns its thread, which {@link #close} ends; the HTTP client is the notifier's.
 */
final class WebhookSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final Webhook webhook;
    private final HttpClient http;
    private final AlertSignature signature;
    private final AlertConfig config;
    private final AlertCounters counters;
    private final InstantSource clock;
    private final BlockingQueue<Alert> queue;
    private final Thread thread;

    WebhookSender(Webhook webhook, HttpClient http, AlertSignature signature, AlertConfig config, AlertCounters counters,
            InstantSource clock) {
        this.webhook = webhook;
        this.http = http;
        this.signature = signature;
        this.config = config;
        this.counters = counters;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(config.queuedPerWebhook());
        this.thread = Thread.ofVirtual().name("alert-webhook-" + webhook.url().getHost()).start(this::run);
    }

    /** Queues an alert, or drops and counts it when the queue is full. Never waits. */
    void offer(Alert alert) {
        if (!queue.offer(alert)) {
            counters.dropped(webhook);
            log.warn("alert queue for {} is full ({} waiting); dropped: {}", webhook, config.queuedPerWebhook(), alert.title());
        }
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                deliver(queue.take());
            }
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(Alert alert) throws InterruptedException {
        byte[] body = webhook.format().body(alert, webhook).getBytes(StandardCharsets.UTF_8);
        Duration wait = config.firstRetry();
        String last = "";
        for (int attempt = 1; attempt <= config.attempts(); attempt++) {
            if (attempt > 1) {
                Thread.sleep(wait);
                wait = wait.multipliedBy(2);
            }
            try {
                int status = post(body);
                if (status / 100 == 2) {
                    return;
                }
                last = "HTTP " + status;
                if (status != 429 && status / 100 != 5) {
                    break;
                }
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            log.debug("alert delivery to {} failed (try {} of {}): {}", webhook, attempt, config.attempts(), last);
        }
        counters.deliveryFailed(webhook);
        log.warn("alert delivery to {} given up ({}): {}", webhook, last, alert.title());
    }

    private int post(byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(webhook.url())
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "ResourcePool-Alerts")
                .header(AlertSignature.HEADER, signature.sign(clock.instant(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
