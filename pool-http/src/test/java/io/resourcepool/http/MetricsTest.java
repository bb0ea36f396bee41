package io.resourcepool.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} is Prometheus text that a strict reader of the format accepts, shows the pool, and moves when
 * jobs run and people log in; it is for sessions of the configured role, or on an address of its own without one.
 */
class MetricsTest {
    private static final Secret VICTOR_PASSWORD = Secret.of("victor-password-1");

    @TempDir
    static Path dir;

    private static GatewayFixture pool;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        pool = GatewayFixture.onWallClock(dir);
        pool.startWorker("metrics-w", Map.of());
        pool.addUser("victor", Role.VIEWER, VICTOR_PASSWORD);
        admin = pool.adminToken();
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    private static PrometheusText scrape() {
        Reply reply = pool.get("/metrics", admin);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
        return PrometheusText.parse(reply.body());
    }

    private static double value(PrometheusText text, String name, Map<String, String> labels) {
        return text.value(name, labels).orElseThrow(() -> new AssertionError(name + labels + " is not in the scrape"));
    }

    @Test
    void theScrapeIsPrometheusTextAndShowsThePool() {
        PrometheusText text = scrape();

        assertThat(text.families()).containsKeys("resourcepool_http_requests_total", "resourcepool_auth_events_total",
                "resourcepool_jobs_finished_total", "resourcepool_job_queue_wait_seconds", "resourcepool_job_run_seconds");
        assertThat(text.families().get("resourcepool_job_run_seconds").type()).isEqualTo("histogram");
        assertThat(text.families().get("resourcepool_jobs_finished_total").type()).isEqualTo("counter");
        assertThat(value(text, "resourcepool_nodes_online", Map.of())).isEqualTo(1);
        assertThat(value(text, "resourcepool_cpus", Map.of())).isEqualTo(4);
        assertThat(value(text, "resourcepool_cpus_in_use", Map.of())).isEqualTo(1.0);
        assertThat(value(text, "resourcepool_memory_bytes", Map.of())).isEqualTo(8.0 * (1L << 30));
        assertThat(value(text, "resourcepool_memory_in_use_bytes", Map.of())).isEqualTo(2.0 * (1L << 30));
        assertThat(text.value("resourcepool_jobs", Map.of("state", "queued"))).isPresent();
        assertThat(text.value("resourcepool_jobs", Map.of("state", "running"))).isPresent();
        assertThat(value(text, "resourcepool_store_reachable", Map.of())).isEqualTo(1);
        assertThat(value(text, "resourcepool_store_unreachable_seconds", Map.of())).isZero();
    }

    @Test
    void theWorkersHeartbeatsAreCounted() {
        assertThat(scrape().families().get("resourcepool_heartbeats_received_total").type()).isEqualTo("counter");

        // the worker reports every hub.heartbeat-interval (5 s by default) after it registered
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(value(scrape(), "resourcepool_heartbeats_received_total", Map.of())).isPositive());
    }

    @Test
    void theFiguresMoveWhenJobsRunAndPeopleLogIn() {
        PrometheusText before = scrape();
        for (int i = 0; i < 3; i++) {
            assertThat(pool.post("/v1/run", admin, "{\"command\":[\"true\"]}").status()).isEqualTo(200);
        }
        assertThat(pool.post("/v1/run", admin, "{\"command\":[\"false\"]}").status()).isEqualTo(200);
        pool.login("victor", VICTOR_PASSWORD);
        pool.post("/v1/auth/login", "", "{\"username\":\"victor\",\"password\":\"wrong-password\"}");

        // a job's end is counted once it is durable, a moment after its result was answered
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            PrometheusText after = scrape();
            assertThat(value(after, "resourcepool_jobs_finished_total", Map.of("state", "succeeded"))
                    - value(before, "resourcepool_jobs_finished_total", Map.of("state", "succeeded"))).isEqualTo(3);
            assertThat(value(after, "resourcepool_jobs_finished_total", Map.of("state", "failed"))
                    - value(before, "resourcepool_jobs_finished_total", Map.of("state", "failed"))).isEqualTo(1);
            assertThat(value(after, "resourcepool_job_run_seconds_count", Map.of())
                    - value(before, "resourcepool_job_run_seconds_count", Map.of())).isEqualTo(4);
        });
        PrometheusText after = scrape();
        assertThat(value(after, "resourcepool_jobs_submitted_total", Map.of()) - value(before, "resourcepool_jobs_submitted_total", Map.of()))
                .isEqualTo(4);
        assertThat(value(after, "resourcepool_job_queue_wait_seconds_count", Map.of())
                - value(before, "resourcepool_job_queue_wait_seconds_count", Map.of())).isEqualTo(4);
        Map<String, String> runs = Map.of("route", "/v1/run", "method", "POST", "status", "200");
        assertThat(value(after, "resourcepool_http_requests_total", runs) - before.value("resourcepool_http_requests_total", runs).orElse(0.0))
                .isEqualTo(4);
        assertThat(value(after, "resourcepool_auth_events_total", Map.of("action", "login.succeeded", "result", "success"))
                - value(before, "resourcepool_auth_events_total", Map.of("action", "login.succeeded", "result", "success"))).isEqualTo(1);
        assertThat(value(after, "resourcepool_auth_events_total", Map.of("action", "login.failed", "result", "failure"))
                - value(before, "resourcepool_auth_events_total", Map.of("action", "login.failed", "result", "failure"))).isEqualTo(1);
    }

    @Test
    void requestsAreCountedByRouteTemplateNotByTheirPath() {
        pool.get("/v1/jobs/11111111-1111-4111-8111-111111111111", admin);
        pool.get("/v1/jobs/22222222-2222-4222-8222-222222222222", admin);
        pool.get("/no/such/path/" + System.nanoTime(), "");

        PrometheusText text = scrape();

        assertThat(text.value("resourcepool_http_requests_total", Map.of("route", "/v1/jobs/{id}", "method", "GET", "status", "404")))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(2));
        assertThat(text.families().get("resourcepool_http_requests_total").samples())
                .allSatisfy(s -> assertThat(s.labels().get("route")).doesNotContain("1111", "/no/such"));
        assertThat(text.value("resourcepool_http_requests_total", Map.of("route", "unmatched", "method", "GET", "status", "404"))).isPresent();
    }

    @Test
    void theMetricsNeedASessionOfTheConfiguredRole() {
        String victor = pool.login("victor", VICTOR_PASSWORD);

        assertThat(pool.get("/metrics", "").status()).isEqualTo(401);
        assertThat(pool.get("/metrics", victor).status()).isEqualTo(200);
        assertThat(pool.send(pool.request("/metrics", admin).POST(HttpRequest.BodyPublishers.noBody()).build()).status()).isEqualTo(405);

        try (GatewayFixture strict = GatewayFixture.start(dir.resolve("strict"), UnaryOperator.identity(), http -> http.withMetricsRole(Role.ADMIN))) {
            strict.addUser("victor", Role.VIEWER, VICTOR_PASSWORD);
            Reply viewer = strict.get("/metrics", strict.login("victor", VICTOR_PASSWORD));
            assertThat(viewer.status()).isEqualTo(403);
            assertThat(viewer.problemKind()).isEqualTo("forbidden");
            assertThat(strict.get("/metrics", strict.adminToken()).status()).isEqualTo(200);
        }
    }

    @Test
    void onAnAddressOfTheirOwnTheMetricsNeedNoTokenAndLeaveTheApisAddress() {
        try (GatewayFixture separate = GatewayFixture.start(dir.resolve("separate"), UnaryOperator.identity(),
                http -> http.withMetricsOn(new InetSocketAddress("127.0.0.1", 0)))) {
            java.net.URI metrics = separate.gateway.metricsUri().orElseThrow();
            Reply open = separate.send(HttpRequest.newBuilder(metrics.resolve("/metrics")).GET().build());

            assertThat(open.status()).isEqualTo(200);
            assertThat(PrometheusText.parse(open.body()).families()).containsKey("resourcepool_nodes_online");
            assertThat(separate.send(HttpRequest.newBuilder(metrics.resolve("/v1/nodes")).GET().build()).status()).isEqualTo(404);
            assertThat(separate.get("/metrics", separate.adminToken()).status()).isEqualTo(404);
        }
    }
}
