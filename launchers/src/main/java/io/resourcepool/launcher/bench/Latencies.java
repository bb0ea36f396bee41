package io.resourcepool.launcher.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latency samples of one measured operation, thread-safe, summarised as percentiles. */
final class Latencies {
    private long[] nanos = new long[1024];
    private int count;

    synchronized void record(long elapsedNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsedNanos;
    }

    synchronized int count() {
        return count;
    }

    /** The value at the given percentile (nearest rank), in milliseconds. */
    synchronized double percentileMillis(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, rank))] / 1e6;
    }

    String summary() {
        return String.format(Locale.ROOT, "p50 %8.3f ms   p95 %8.3f ms   p99 %8.3f ms   (n=%d)",
                percentileMillis(50), percentileMillis(95), percentileMillis(99), count());
    }
}
