package io.resourcepool.http.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * When each of the hub's own certificates (its CA, the HTTPS API's) stops being valid, as Unix seconds, read at each
 * scrape so that a renewed certificate shows at once; an alert rule compares it with {@code time()}.
 */
final class CertificateExpiryCollector implements MultiCollector {
    static final String NAME = "resourcepool_certificate_expiry_timestamp_seconds";

    private final Map<String, Supplier<Optional<X509Certificate>>> certificates = new ConcurrentSkipListMap<>();

    void watch(String name, Supplier<Optional<X509Certificate>> certificate) {
        certificates.put(name, certificate);
    }

    @Override
    public MetricSnapshots collect() {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(NAME)
                .help("When the hub's certificate stops being valid (notAfter), in seconds since the epoch, by certificate");
        certificates.forEach((name, certificate) -> certificate.get().ifPresent(c -> gauge.dataPoint(GaugeDataPointSnapshot.builder()
                .value(c.getNotAfter().toInstant().getEpochSecond()).labels(Labels.of("certificate", name)).build())));
        return MetricSnapshots.of(gauge.build());
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(NAME);
    }
}
