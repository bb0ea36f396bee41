package io.resourcepool.launcher.bench;

import io.resourcepool.launcher.client.TrustedCa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads figures of a hub process from its {@code http.metrics-bind} address ({@code GET /metrics}, HTTPS with the
 * hub's own CA, no token): figures the hub keeps itself, such as the heartbeats it received.
 */
final class HubScrape implements AutoCloseable {
    private final HttpClient http;
    private final URI metrics;

    /**
     * @param metrics the metrics address, ending in {@code /metrics}
     * @param caFile the hub's CA certificate ({@code tls/ca.pem} of its data directory)
     */
    HubScrape(URI metrics, Path caFile) throws Exception {
        this.http = HttpClient.newBuilder().sslContext(TrustedCa.context(caFile)).connectTimeout(Duration.ofSeconds(10)).build();
        this.metrics = metrics;
    }

    /**
     * One sample's value, read now.
     *
     * @param sample a sample without labels, e.g. {@code resourcepool_heartbeats_received_total}
     * @return its value
     */
    double value(String sample) {
        return value(scrape(), sample);
    }

    /**
     * A sample's value in a Prometheus text page.
     *
     * @param page the page
     * @param sample a sample without labels
     * @return its value
     * @throws IllegalStateException when the page has no such sample
     */
    static double value(String page, String sample) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("the hub's /metrics has no " + sample);
        }
        return Double.parseDouble(m.group(1));
    }

    private String scrape() {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("GET " + metrics + " answered " + answer.statusCode());
            }
            return answer.body();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metrics, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + metrics, e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
