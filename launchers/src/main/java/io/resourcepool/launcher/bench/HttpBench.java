package io.resourcepool.launcher.bench;

import io.resourcepool.launcher.demo.ScratchDirectory;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pool bench http}: concurrent HTTPS clients with keep-alive against a live pool's HTTP API on loopback,
 * first {@code GET /v1/aggregate}, then {@code POST /v1/run} of {@code true}; throughput and latency percentiles of
 * each. Clients, hub and workers share this JVM (and the machine's cores), as in {@code pool bench pool}.
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
                    + " and print each figure's ratio to it (default: on; --no-baseline to skip)")
    boolean baseline;

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
            report(out, "GET /v1/aggregate", load.run(aggregate, Duration.ofSeconds(seconds)), ceiling);
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
            out.printf(Locale.ROOT, "%-22s rate %s, p50 %s, the limit being the 404 ceiling%n", "",
                    SameRunLimits.timesTheLimit(result.perSecond(), ceiling.perSecond()),
                    SameRunLimits.timesTheLimit(result.latencies(), ceiling.latencies()));
        }
    }

    /**
     * The clients, each a virtual thread sending one request after another on its own keep-alive connection, all
     * trusting the hub's CA. Every {@value #CLIENTS_PER_HTTP_CLIENT} share one JDK {@link HttpClient} (whose pool then
     * holds their connections), so that the load is not skewed by a selector thread per client competing for the cores.
     */
    static final class HttpLoad {
        static final int CLIENTS_PER_HTTP_CLIENT = 25;
        private static final String KEEP_ALIVE = "jdk.httpclient.keepalive.timeout";

        private final URI api;
        private final List<HttpClient> clients = new ArrayList<>();

        HttpLoad(URI api, Path caFile, int count) throws Exception {
            this.api = api;
            // drop a pooled connection idle for 20 s, before the server's 30 s idle timeout closes it under a request
            if (System.getProperty(KEEP_ALIVE) == null) {
                System.setProperty(KEEP_ALIVE, "20");
            }
            javax.net.ssl.SSLContext tls = io.resourcepool.launcher.client.TrustedCa.context(caFile);
            HttpClient shared = null;
            for (int i = 0; i < count; i++) {
                if (i % CLIENTS_PER_HTTP_CLIENT == 0) {
                    shared = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
                }
                clients.add(shared);
            }
        }

        HttpRequest.Builder request(String path, String token) {
            return HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token);
        }

        String login(String user, io.resourcepool.api.Secret password) throws Exception {
            HttpResponse<String> reply = clients.get(0).send(HttpRequest.newBuilder(api.resolve("/v1/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password.reveal() + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String body = reply.body();
            int start = body.indexOf("\"token\":\"") + 9;
            return body.substring(start, body.indexOf('"', start));
        }

        Result run(HttpRequest request, Duration length) throws InterruptedException {
            int expected = request.uri().getPath().equals("/v1/nowhere") ? 404 : 200;
            Latencies latencies = new Latencies();
            AtomicLong ok = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            long started = System.nanoTime();
            long deadline = started + length.toNanos();
            List<Thread> threads = new ArrayList<>();
            for (HttpClient client : clients) {
                threads.add(Thread.ofVirtual().start(() -> {
                    while (System.nanoTime() < deadline) {
                        long start = System.nanoTime();
                        try {
                            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                            latencies.record(System.nanoTime() - start);
                            (status == expected ? ok : failed).incrementAndGet();
                        } catch (java.io.IOException e) {
                            failed.incrementAndGet();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            return new Result(latencies, ok.get(), failed.get(), ok.get() / elapsed, length.toSeconds());
        }

        record Result(Latencies latencies, long ok, long failed, double perSecond, long seconds) {}
    }
}
