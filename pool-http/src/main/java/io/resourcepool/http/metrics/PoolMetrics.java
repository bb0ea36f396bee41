package io.resourcepool.http.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import io.resourcepool.api.JobState;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.core.alert.Alert;
import io.resourcepool.core.alert.AlertCounters;
import io.resourcepool.core.alert.AlertKind;
import io.resourcepool.core.alert.Webhook;
import io.resourcepool.core.hub.Hub;
import io.resourcepool.core.hub.HubBuilder;
import io.resourcepool.core.hub.HubObserver;
import io.resourcepool.core.hub.HubStatus;
import io.resourcepool.http.server.ServedRequests;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The pool's Prometheus metrics, in a registry of their own: HTTP requests by route template, method and status
 * (with their durations); logins and refused sessions, counted from the audit rows as the hub writes them; jobs
 * submitted and finished by final state, with how long they waited and ran; and the pool's gauges, read from the
 * hub's status at each scrape. Make it before the hub, hand {@link #observer()} to the hub's builder, then
 * {@link #watch} the started hub.
 */
public final class PoolMetrics implements ServedRequests {
    /** The audit actions counted as authentication events, and whether each is a success. */
    static final Map<String, String> AUTH_ACTIONS = authActions("login.succeeded", "login.failed", "login.mfa-failed",
            "login.rate-limited", "session.resume-failed", "session.request-refused", "session.refresh-failed",
            "session.refresh-reuse", "password-change.failed", "mfa-setup.failed", "mfa-removal.failed");

    private static final double[] REQUEST_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
    private static final double[] JOB_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final CertificateExpiryCollector certificates = new CertificateExpiryCollector();
    private final AtomicReference<Optional<Hub>> hub = new AtomicReference<>(Optional.empty());
    private final Counter requests = Counter.builder().name("resourcepool_http_requests_total")
            .help("HTTP requests answered, by route template, method and status").labelNames("route", "method", "status").register(registry);
    private final Histogram requestSeconds = Histogram.builder().name("resourcepool_http_request_duration_seconds").unit(Unit.SECONDS)
            .help("Time to answer an HTTP request, by route template and method").labelNames("route", "method")
            .classicOnly().classicUpperBounds(REQUEST_BUCKETS).register(registry);
    private final Counter authEvents = Counter.builder().name("resourcepool_auth_events_total")
            .help("Logins and session checks by audit action and result").labelNames("action", "result").register(registry);
    private final Counter submitted = Counter.builder().name("resourcepool_jobs_submitted_total")
            .help("Jobs accepted by the hub").register(registry);
    private final Counter finished = Counter.builder().name("resourcepool_jobs_finished_total")
            .help("Jobs ended, by final state").labelNames("state").register(registry);
    private final Histogram queueWait = Histogram.builder().name("resourcepool_job_queue_wait_seconds").unit(Unit.SECONDS)
            .help("Time a job's attempt waited from submission (or requeueing) to its start on a node")
            .classicOnly().classicUpperBounds(JOB_BUCKETS).register(registry);
    private final Histogram runTime = Histogram.builder().name("resourcepool_job_run_seconds").unit(Unit.SECONDS)
            .help("Time a job ran, from its start to its end").classicOnly().classicUpperBounds(JOB_BUCKETS).register(registry);

    private final Counter alerts = Counter.builder().name("resourcepool_alerts_total")
            .help("Alerts raised (each an incident, however many events it gathered), by kind").labelNames("kind").register(registry);
    private final Counter alertDeliveriesFailed = Counter.builder().name("resourcepool_alert_deliveries_failed_total")
            .help("Alert deliveries to a webhook given up after their last try").register(registry);
    private final Counter alertsDropped = Counter.builder().name("resourcepool_alerts_dropped_total")
            .help("Alerts dropped because a webhook's queue was full").register(registry);
    private final Counter gpuTime = Counter.builder().name("resourcepool_job_gpu_seconds_total")
            .help("GPU time of the jobs that ended after running: GPUs claimed times seconds run, by user").labelNames("user").register(registry);

    private PoolMetrics() {
        for (AlertKind kind : AlertKind.values()) {
            alerts.labelValues(kind.wireName());
        }
        AUTH_ACTIONS.forEach((action, result) -> authEvents.labelValues(action, result));
        for (JobState state : JobState.values()) {
            if (state.isFinal()) {
                finished.labelValues(label(state));
            }
        }
        registry.register(new HubStatusCollector(this::status));
        registry.register(certificates);
    }

    /**
     * Reports when a certificate of the hub's stops being valid, as
     * {@code resourcepool_certificate_expiry_timestamp_seconds{certificate="NAME"}}, read at each scrape.
     *
     * @param name the label, for example {@code ca} or {@code https}
     * @param certificate the certificate now in use, empty when there is none
     */
    public void watchCertificate(String name, Supplier<Optional<X509Certificate>> certificate) {
        certificates.watch(name, certificate);
    }

    /**
     * Makes the metrics, with every counter at zero.
     *
     * @return the metrics
     */
    public static PoolMetrics create() {
        return new PoolMetrics();
    }

    /**
     * What the hub tells the metrics; hand it to {@link HubBuilder#observer}.
     *
     * @return the observer
     */
    public HubObserver observer() {
        return new HubObserver() {
            @Override
            public void audited(AuditEvent event) {
                String result = AUTH_ACTIONS.get(event.action());
                if (result != null) {
                    authEvents.labelValues(event.action(), result).inc();
                } else if (event.action().equals("job.submitted")) {
                    submitted.inc();
                }
            }

            @Override
            public void jobStarted(Duration queued) {
                queueWait.observe(seconds(queued));
            }

            @Override
            public void gpuTimeUsed(String owner, double gpuSeconds) {
                gpuTime.labelValues(owner).inc(gpuSeconds);
            }

            @Override
            public void jobFinished(JobState state, Duration ran) {
                finished.labelValues(label(state)).inc();
                if (!ran.isZero()) {
                    runTime.observe(seconds(ran));
                }
            }
        };
    }

    /**
     * What the alert notifier tells the metrics; hand it to {@link io.resourcepool.core.alert.AlertNotifier#start}.
     *
     * @return the counters
     */
    public AlertCounters alertCounters() {
        return new AlertCounters() {
            @Override
            public void raised(Alert alert) {
                alerts.labelValues(alert.kind().wireName()).inc();
            }

            @Override
            public void deliveryFailed(Webhook webhook) {
                alertDeliveriesFailed.inc();
            }

            @Override
            public void dropped(Webhook webhook) {
                alertsDropped.inc();
            }
        };
    }

    /**
     * Reads the pool's gauges from this hub from now on.
     *
     * @param started the started hub
     */
    public void watch(Hub started) {
        hub.set(Optional.of(started));
    }

    @Override
    public void served(String route, String method, int status, long nanos) {
        requests.labelValues(route, method, Integer.toString(status)).inc();
        requestSeconds.labelValues(route, method).observe(Unit.nanosToSeconds(nanos));
    }

    /**
     * Every metric now.
     *
     * @return the snapshots
     */
    public MetricSnapshots scrape() {
        return registry.scrape();
    }

    private Optional<HubStatus> status() {
        try {
            return hub.get().map(Hub::status);
        } catch (IllegalStateException stopped) {
            return Optional.empty();
        }
    }

    private static String label(JobState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** The success first, then the failures. */
    private static Map<String, String> authActions(String success, String... failures) {
        Map<String, String> actions = new java.util.HashMap<>();
        actions.put(success, "success");
        for (String failure : failures) {
            actions.put(failure, "failure");
        }
        return Map.copyOf(actions);
    }
}
