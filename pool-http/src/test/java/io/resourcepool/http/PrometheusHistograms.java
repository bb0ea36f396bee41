package io.resourcepool.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text format's rules for one histogram family, for {@link PrometheusText}: per series, buckets in order of
 * their bounds and cumulative, the last one {@code le="+Inf"}, and {@code _count} equal to it.
 */
final class PrometheusHistograms {
    private PrometheusHistograms() {}

    static void check(String family, List<PrometheusText.Sample> own) {
        Map<Map<String, String>, List<PrometheusText.Sample>> byLabels = new LinkedHashMap<>();
        for (PrometheusText.Sample s : own) {
            if (s.name().endsWith("_bucket")) {
                Map<String, String> rest = new TreeMap<>(s.labels());
                rest.remove("le");
                byLabels.computeIfAbsent(rest, r -> new ArrayList<>()).add(s);
            }
        }
        for (var entry : byLabels.entrySet()) {
            double previous = 0;
            double previousBound = Double.NEGATIVE_INFINITY;
            PrometheusText.Sample last = null;
            for (PrometheusText.Sample bucket : entry.getValue()) {
                double bound = PrometheusText.Reader.parse(bucket.labels().get("le"));
                if (bound <= previousBound || bucket.value() < previous) {
                    throw new IllegalArgumentException(family + entry.getKey() + " has buckets out of order or not cumulative");
                }
                previous = bucket.value();
                previousBound = bound;
                last = bucket;
            }
            if (last == null || !last.labels().get("le").equals("+Inf")) {
                throw new IllegalArgumentException(family + entry.getKey() + " has no le=\"+Inf\" bucket");
            }
            Map<String, String> countLabels = entry.getKey();
            double count = own.stream().filter(s -> s.name().equals(family + "_count") && new TreeMap<>(s.labels()).equals(countLabels))
                    .map(PrometheusText.Sample::value).findFirst().orElseThrow(() -> new IllegalArgumentException(family + countLabels + " has no _count"));
            if (count != last.value()) {
                throw new IllegalArgumentException(family + countLabels + ": _count " + count + " differs from the +Inf bucket " + last.value());
            }
        }
    }
}
