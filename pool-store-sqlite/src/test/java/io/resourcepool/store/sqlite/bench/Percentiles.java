package io.resourcepool.store.sqlite.bench;

import java.util.Arrays;

/**
 * Latencies of one measured operation, and the rows it moved.
 *
 * @param operation what was measured
 * @param rows rows written in all
 * @param elapsedNanos wall time of the whole run
 * @param latencies the time of each call, in nanoseconds
 */
record Percentiles(String operation, long rows, long elapsedNanos, long[] latencies) {
    double rowsPerSecond() {
        return rows / (elapsedNanos / 1e9);
    }

    double millisAt(double fraction) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    String row(String store) {
        return String.format("| %-10s | %-34s | %8d | %10.0f | %9.3f | %9.3f |", store, operation, rows, rowsPerSecond(), millisAt(0.50), millisAt(0.99));
    }

    static String header() {
        return "| store      | operation                          |     rows |     rows/s |   p50 ms |   p99 ms |\n"
                + "|------------|------------------------------------|---------:|-----------:|----------:|----------:|";
    }
}
