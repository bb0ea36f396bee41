package io.resourcepool.launcher.bench;

import io.resourcepool.launcher.demo.ScratchDirectory;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pool bench http}: concurrent HTTPS clients with keep-alive against a live pool's HTTP API on loopback,
 * first {@code GET /v1/aggregate}, then {@code POST /v1/run} of {@code true}; throughput and latency percentiles of
 * each. Clients, hub and workers share this JVM (and the machine's cores), as in {@code pool bench pool}. With
 * {@code --rate R}, {@code GET /v1/aggregate} and the 404 are also offered open loop at R requests/s ({@link OpenLoop}),
 * their latencies counted from when each request was due.
 */
@Command(name = "http", mixinStandardHelpOptions = true,
        description = "Measure the HTTP API: N keep-alive HTTPS clients doing GET /v1/aggregate, then POST /v1/run of true.")
public final class HttpBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--clients", defaultValue = "100", description = "concurrent clients, each with its own connection (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--seconds", defaultValue = "10", description = "length of each run (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--workers", defaultValue = "2", description = "workers to start (default ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--warm-up", defaultValue = "20", description = "seconds of the same requests first, unmeasured, for the JIT (default ${DEFAULT-VALUE})")
    int warmUp;

    @Option(names = "--baseline", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "first measure a 404 that Jetty answers without the hub, the clients' and the server's own ceiling,"
                    + " again after the aggregate (the better run is the ceiling), and print each figure's ratio to it"
                    + " (default: on; --no-baseline to skip)")
    boolean baseline;

    @Option(names = "--rate", description = "also offer GET /v1/aggregate and the 404 at this fixed rate, open loop as wrk2 does"
            + " (requests/s over all clients; latency from each request's due time)")
    Double rate;

    @Option(names = "--hub-only", description = "start no process for a command (it exits 0 at once), to measure the API's own path")
    boolean hubOnly;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (ScratchDirectory dir = ScratchDirectory.create("resourcepool-bench-");
             BenchPool pool = new BenchPool(dir.path(), workers, 10, hubOnly, Map.of("http.bind", "127.0.0.1:0"))) {
            URI api = pool.hub().httpUri().orElseThrow();
            HttpLoad load = new HttpLoad(api, pool.hub().caCertificateFile(), clients);
            String token = load.login("bench", BenchPool.USER_PASSWORD);
            out.printf(Locale.ROOT, "http bench: %d keep-alive HTTPS clients (TLS 1.3) on loopback, hub + %d workers (%s), %d cores, Java %s%n",
                    clients, workers, hubOnly ? "no process per command" : "process sandbox", Runtime.getRuntime().availableProcessors(),
                    Runtime.version());
            HttpRequest aggregate = load.request("/v1/aggregate", token).GET().build();
            HttpRequest run = load.request("/v1/run", token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"command\":[\"true\"]}")).build();
            HttpLoad.Result ceiling = null;
            if (baseline) {
                HttpRequest nowhere = load.request("/v1/nowhere", token).GET().build();
                load.run(nowhere, Duration.ofSeconds(warmUp));
                ceiling = load.run(nowhere, Duration.ofSeconds(seconds));
                report(out, "GET 404, no hub", ceiling, null);
            }
            int threads = Math.min(clients, ProcessStartLimit.THREADS);
            double spawnCeiling = hubOnly ? 0 : ProcessStartLimit.perSecond(threads, Duration.ofSeconds(seconds));
            if (!hubOnly) {
                out.printf(Locale.ROOT, "limit, same run: %d threads starting /bin/true   %.0f starts/s%n", threads, spawnCeiling);
            }
            load.run(aggregate, Duration.ofSeconds(warmUp));
            HttpLoad.Result aggregated = load.run(aggregate, Duration.ofSeconds(seconds));
            if (baseline) {
                // measured again once the JIT has had the aggregate's run too; the ceiling is the better of the two
                HttpLoad.Result again = load.run(load.request("/v1/nowhere", token).GET().build(), Duration.ofSeconds(seconds));
                report(out, "GET 404, again", again, null);
                ceiling = again.perSecond() > ceiling.perSecond() ? again : ceiling;
            }
            report(out, "GET /v1/aggregate", aggregated, ceiling);
            if (rate != null) {
                OpenLoop fixed = new OpenLoop(rate, Duration.ofSeconds(seconds));
                OpenLoop.Result nowhere = load.runAtRate(load.request("/v1/nowhere", token).GET().build(), fixed);
                report(out, "GET 404, no hub", nowhere, null);
                report(out, "GET /v1/aggregate", load.runAtRate(aggregate, fixed), nowhere);
            }
            load.run(run, Duration.ofSeconds(warmUp));
            HttpLoad.Result runs = load.run(run, Duration.ofSeconds(seconds));
            report(out, "POST /v1/run of true", runs, ceiling);
            if (!hubOnly) {
                out.printf(Locale.ROOT, "%-22s rate %s of the %d threads starting /bin/true%n", "",
                        SameRunLimits.timesTheLimit(runs.perSecond(), spawnCeiling), threads);
            }
            out.flush();
        }
        return 0;
    }

    private static void report(PrintWriter out, String what, HttpLoad.Result result, HttpLoad.Result ceiling) {
        out.printf(Locale.ROOT, "%-22s %8.0f requests/s over %d s (%d answered as expected, %d not)   %s%n", what, result.perSecond(),
                result.seconds(), result.ok(), result.failed(), result.latencies().summary());
        if (ceiling != null) {
            out.printf(Locale.ROOT, "%-22s rate %s, p50 %s, the limit being the 404 ceiling (the better 404 run)%n", "",
                    SameRunLimits.timesTheLimit(result.perSecond(), ceiling.perSecond()),
                    SameRunLimits.timesTheLimit(result.latencies(), ceiling.latencies()));
        }
    }

    private static void report(PrintWriter out, String what, OpenLoop.Result result, OpenLoop.Result limit) {
        out.printf(Locale.ROOT, "%-22s %8.0f requests/s offered open loop, %.0f answered/s (%d as expected, %d not)   %s%n", what,
                result.offered(), result.perSecond(), result.ok(), result.failed(), result.latencies().summary());
        if (limit != null) {
            out.printf(Locale.ROOT, "%-22s p99 %s at the same rate, the limit being the 404's%n", "",
                    SameRunLimits.timesTheLimit(result.latencies().percentileMillis(99), limit.latencies().percentileMillis(99)));
        }
    }
}
