package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.resourcepool.launcher.client.TrustedCa;
import io.resourcepool.launcher.config.Settings;
import io.resourcepool.launcher.hub.HubRuntime;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard and the Prometheus alert rules in docs/monitoring name only metrics a running hub exports
 * (read from its own /metrics), and the rules pass {@code promtool check rules} and their unit tests
 * ({@code promtool test rules}, Debian's {@code prometheus} package, which .ci/run installs).
 */
class MonitoringRulesTest {
    private static final Path DIR = Path.of("..", "docs", "monitoring");
    private static final Pattern METRIC = Pattern.compile("\\b(resourcepool_[a-z0-9_]+|up)\\b");
    /** Label matchers, whose names and values are not metrics. */
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    /** Series Prometheus makes itself for each scrape, not the hub. */
    private static final Set<String> FROM_PROMETHEUS = Set.of("up");

    @TempDir
    static Path dir;

    private static Set<String> exported;

    @BeforeAll
    static void scrapeARunningHub() throws Exception {
        Map<String, String> settings = Map.of("hub.bind", "127.0.0.1:0", "hub.data-dir", dir.resolve("hub").toString(), "auth.bcrypt-cost", "10",
                "http.bind", "127.0.0.1:0", "http.metrics-bind", "127.0.0.1:0");
        try (HubRuntime hub = HubRuntime.start(Settings.load(Optional.empty(), settings, Map.of()), Optional.of(LivePool.ADMIN_PASSWORD))) {
            HttpClient client = HttpClient.newBuilder().sslContext(TrustedCa.context(hub.caCertificateFile())).build();
            // one API request first, so that the per-route request series exist
            client.send(HttpRequest.newBuilder(hub.httpUri().orElseThrow().resolve("/v1/openapi.json")).build(), HttpResponse.BodyHandlers.discarding());
            HttpResponse<String> scrape = client.send(HttpRequest.newBuilder(hub.metricsUri().orElseThrow().resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            exported = seriesNames(scrape.body());
        }
    }

    @Test
    void theHubExportsWhatTheRulesAndTheDashboardNeed() {
        assertThat(exported).contains("resourcepool_nodes_online", "resourcepool_jobs", "resourcepool_auth_events_total",
                "resourcepool_job_queue_wait_seconds_bucket", "resourcepool_certificate_expiry_timestamp_seconds");
    }

    @Test
    void everyPanelQueryNamesOnlyMetricsTheHubExports() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DIR.resolve("grafana-dashboard.json").toFile());
        List<String> queries = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> panel.get("targets").forEach(target -> queries.add(target.get("expr").asText())));

        assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
        assertNamesOnlyExported(queries);
    }

    @Test
    void everyAlertRuleNamesOnlyMetricsTheHubExports() throws IOException {
        List<String> expressions = Files.readAllLines(DIR.resolve("alert-rules.yml"), StandardCharsets.UTF_8).stream()
                .filter(line -> line.strip().startsWith("expr:")).map(line -> line.strip().substring("expr:".length())).toList();

        assertThat(expressions).hasSize(6);
        assertNamesOnlyExported(expressions);
    }

    @Test
    void promtoolAcceptsTheRulesAndTheirTestsPass() throws Exception {
        Optional<Path> promtool = onPath("promtool");
        assumeTrue(promtool.isPresent(), "promtool is not installed; apt-get install prometheus to run this test (.ci/run does)");

        assertThat(run(promtool.get(), "check", "rules", "alert-rules.yml")).contains("SUCCESS: 6 rules found");
        assertThat(run(promtool.get(), "test", "rules", "alert-rules-test.yml")).contains("SUCCESS");
    }

    private static void assertNamesOnlyExported(List<String> queries) {
        for (String query : queries) {
            List<String> names = METRIC.matcher(MATCHERS.matcher(query).replaceAll("")).results().map(m -> m.group(1)).toList();
            assertThat(names).as("metrics in %s", query).isNotEmpty();
            assertThat(names).as("metrics in %s", query).allSatisfy(name -> assertThat(exported).contains(FROM_PROMETHEUS.contains(name) ? "up" : name));
        }
    }

    /** Every series name in Prometheus text, with {@code up} added as Prometheus adds it. */
    private static Set<String> seriesNames(String text) {
        Set<String> names = new TreeSet<>(FROM_PROMETHEUS);
        Matcher sample = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]").matcher(text);
        while (sample.find()) {
            names.add(sample.group(1));
        }
        return names;
    }

    private static String run(Path promtool, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    private static Optional<Path> onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).map(p -> Path.of(p, program))
                .filter(Files::isExecutable).findFirst();
    }
}
