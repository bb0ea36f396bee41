package io.resourcepool.launcher.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;

/**
 * The machine's limits, measured in the same run as a benchmark, so that each figure is printed beside the limit it
 * cannot beat and the ratio to it: a bare {@code ProcessBuilder("/bin/true")} ({@link ProcessStartLimit}) one at a
 * time and from N threads, and a bare TLS 1.3 echo on loopback ({@link TlsEchoLimit}) on one connection and on N at
 * once. This machine's speed drifts from day to day; the ratios do not.
 *
 * @param processStart latency of one bare process start, waited for
 * @param processStartsPerSecond bare process starts per second from {@code clients} threads
 * @param tlsRoundTrip latency of one TLS round trip on an open connection
 * @param tlsRoundTripsPerSecond TLS round trips per second from {@code clients} connections
 * @param clients how many threads or connections the rates were measured with
 */
record SameRunLimits(Latencies processStart, double processStartsPerSecond, Latencies tlsRoundTrip, double tlsRoundTripsPerSecond,
        int clients) {

    /**
     * Measures them.
     *
     * @param samples how many serial starts and round trips to time
     * @param clients how many threads or connections at once for the rates
     * @param length how long each rate is measured
     * @return the limits
     * @throws InterruptedException when interrupted while measuring
     */
    static SameRunLimits measure(int samples, int clients, Duration length) throws InterruptedException {
        ProcessStartLimit.serial(Math.min(50, samples));
        Latencies start = ProcessStartLimit.serial(samples);
        double starts = ProcessStartLimit.perSecond(clients, length);
        try (TlsEchoLimit echo = TlsEchoLimit.start()) {
            echo.serial(Math.min(2000, samples * 4));
            Latencies roundTrip = echo.serial(Math.max(2000, samples));
            return new SameRunLimits(start, starts, roundTrip, echo.perSecond(clients, length), clients);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prints the limits, one a line, as the reference the bench's figures are read against. */
    void print(PrintWriter out) {
        out.println("limits, same run (a figure's ratio is to the limit on its line):");
        out.println("  bare ProcessBuilder(\"/bin/true\")   " + processStart.summary());
        out.printf(Locale.ROOT, "  %3d threads starting /bin/true   %.0f starts/s%n", clients, processStartsPerSecond);
        out.println("  bare TLS 1.3 echo round trip     " + tlsRoundTrip.summary());
        out.printf(Locale.ROOT, "  %3d TLS echo connections         %.0f round trips/s%n", clients, tlsRoundTripsPerSecond);
    }

    /** A latency's ratio to a limit's, at the median: {@code (2.1× the limit)}. */
    static String timesTheLimit(Latencies figure, Latencies limit) {
        return timesTheLimit(figure.percentileMillis(50), limit.percentileMillis(50));
    }

    /** A figure's ratio to its limit: {@code (0.45× the limit)}. */
    static String timesTheLimit(double figure, double limit) {
        return String.format(Locale.ROOT, "(%.2f× the limit)", figure / limit);
    }
}
