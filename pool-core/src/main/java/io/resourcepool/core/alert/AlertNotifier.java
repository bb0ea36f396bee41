package io.resourcepool.core.alert;

import io.resourcepool.api.PoolException;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.AuditLog;
import io.resourcepool.core.hub.HubObserver;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells operators what they must know at once. Hand {@link #observer()} to the hub's builder: it counts each event
 * into its incident (see {@link Incidents}) and returns, so the hub never waits. A virtual thread of the notifier's
 * own ({@code alert-gatherer}) takes the incidents that are due, writes each as an {@code alert.raised} audit row,
 * counts it, and queues it for every webhook's {@link WebhookSender}, which signs, posts and retries.
 *
 * <p>Failed-login spikes are told only when an incident passed a threshold (from one source, or in all); every other
 * kind is told from its first event. Gateways and the audit checks raise alerts of their own with {@link #raise}.
 *
 * <p>Ownership: owns its threads and its HTTP client; {@link #close} tells what is due, then stops them. It does not
 * own the audit log.
 */
public final class AlertNotifier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertNotifier.class);
    private static final Duration LONGEST_TICK = Duration.ofSeconds(1);

    private final AlertConfig config;
    private final AuditLog audit;
    private final InstantSource clock;
    private final AlertCounters counters;
    private final Incidents incidents;
    private final HttpClient http;
    private final List<WebhookSender> senders;
    private final CertificateExpiry certificates;
    private final Thread gatherer;
    private volatile boolean closed;

    private AlertNotifier(AlertConfig config, AuditLog audit, InstantSource clock, AlertCounters counters, Optional<SSLContext> trust) {
        this.config = config;
        this.audit = audit;
        this.clock = clock;
        this.counters = counters;
        this.incidents = new Incidents(config.quietPeriod(), config.longestIncident());
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(config.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("alert-http-", 0).factory()));
        trust.ifPresent(builder::sslContext);
        this.http = builder.build();
        AlertSignature signature = new AlertSignature(config.signingSecret());
        this.senders = config.webhooks().stream().map(w -> new WebhookSender(w, http, signature, config, counters, clock)).toList();
        this.certificates = new CertificateExpiry(this, config.certificateWarning(), clock);
        this.gatherer = Thread.ofVirtual().name("alert-gatherer").start(this::gather);
    }

    /**
     * Starts a notifier.
     *
     * @param config webhooks, secret and gathering
     * @param audit where each alert is recorded as {@code alert.raised}; the store's own log, not the hub's
     *     observed one, so that the record of an alert is not heard as an event again
     * @param clock the time
     * @param counters hears alerts, failed deliveries and drops, for metrics
     * @param trust the TLS trust for receivers, when not the JDK's default (a private CA)
     * @return the running notifier
     */
    public static AlertNotifier start(AlertConfig config, AuditLog audit, InstantSource clock, AlertCounters counters,
            Optional<SSLContext> trust) {
        return new AlertNotifier(Objects.requireNonNull(config, "config must be given"), Objects.requireNonNull(audit, "audit must be given"),
                Objects.requireNonNull(clock, "clock must be given"), Objects.requireNonNull(counters, "counters must be given"), trust);
    }

    /**
     * What the hub tells the notifier; hand it to the hub's builder (with {@link HubObserver#and} beside the metrics').
     *
     * @return the observer
     */
    public HubObserver observer() {
        return new AlertRules(this);
    }

    /**
     * Counts an event into its incident. Quick, never blocks, never throws for a closed notifier.
     *
     * @param kind what it is about
     * @param subject the node, source or account it concerns; empty when none
     * @param detail words for the operator; never a secret
     */
    public void raise(AlertKind kind, String subject, String detail) {
        if (!closed) {
            incidents.add(kind, subject, detail, clock.instant());
        }
    }

    /** Whether an incident of this kind and subject is gathering now, for rules that fold one kind into another. */
    boolean isGathering(AlertKind kind, String subject) {
        return incidents.isOpen(kind, subject);
    }

    /**
     * Watches a certificate's expiry: an alert when it is within {@link AlertConfig#certificateWarning()} of it,
     * checked now and twice a day.
     *
     * @param name what it is, for example {@code hub CA}
     * @param notAfter when it expires, read at each check (so that a renewed certificate is seen)
     */
    public void watchCertificate(String name, Supplier<Instant> notAfter) {
        certificates.watch(name, notAfter);
    }

    private void gather() {
        Duration tick = config.quietPeriod().dividedBy(4);
        tick = tick.compareTo(LONGEST_TICK) > 0 ? LONGEST_TICK : tick;
        try {
            while (!closed) {
                Thread.sleep(tick);
                certificates.checkIfDue();
                incidents.takeDue(clock.instant(), config.hubName()).forEach(this::tell);
            }
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        }
    }

    private void tell(Alert alert) {
        if (alert.kind() == AlertKind.LOGIN_FAILURE_SPIKE && !isSpike(alert)) {
            return;
        }
        counters.raised(alert);
        log.warn("alert: {}", alert.title());
        // queued before it is recorded: the store may be what the alert is about, and its timeouts must not hold it
        senders.forEach(sender -> sender.offer(alert));
        record(alert);
    }

    private boolean isSpike(Alert alert) {
        long fromTopSource = alert.subjects().values().stream().findFirst().orElse(0L);
        return fromTopSource >= config.loginFailuresPerSource() || alert.count() >= config.loginFailuresInAll();
    }

    private void record(Alert alert) {
        String detail = alert.title() + (alert.detail().isEmpty() ? "" : "; " + alert.detail());
        try {
            audit.append(new AuditEvent(clock.instant(), "hub", "alert.raised", alert.kind().wireName(), "",
                    detail.length() > 500 ? detail.substring(0, 500) : detail));
        } catch (PoolException e) {
            // the store may be what the alert is about; the webhooks still hear of it
            log.warn("alert not recorded in the audit log ({}): {}", e.getMessage(), alert.title());
        }
    }

    /** Tells what is open (a last word before stopping), then stops the threads and the HTTP client. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        gatherer.interrupt();
        try {
            gatherer.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        incidents.takeAll(config.hubName()).forEach(this::tell);
        senders.forEach(WebhookSender::close);
        http.close();
    }
}
