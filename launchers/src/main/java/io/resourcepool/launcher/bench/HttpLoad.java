package io.resourcepool.launcher.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The clients, each a virtual thread sending one request after another on its own keep-alive connection, all
 * trusting the hub's CA. Every {@value #CLIENTS_PER_HTTP_CLIENT} share one JDK {@link HttpClient} (whose pool then
 * holds their connections), so that the load is not skewed by a selector thread per client competing for the cores.
 */
final class HttpLoad {
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
        List<OpenLoop.Sender> senders = senders(request);
        Answers answers = new Answers();
        long started = System.nanoTime();
        long deadline = started + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (OpenLoop.Sender sender : senders) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < deadline && answers.take(sender, System.nanoTime())) {
                    // one request after another on this connection
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        return new Result(answers.latencies, answers.ok(), answers.failed(), answers.ok() / elapsed, length.toSeconds());
    }

    /**
     * Offers the request at a fixed rate, open loop ({@link OpenLoop}), spread over the clients' connections.
     *
     * @param request the request
     * @param load the rate and how long
     * @return latencies from each request's due time, and the rate achieved
     * @throws InterruptedException when interrupted
     */
    OpenLoop.Result runAtRate(HttpRequest request, OpenLoop load) throws InterruptedException {
        return load.run(senders(request));
    }

    /** One sender a client, each true when the request is answered with the status it should get. */
    private List<OpenLoop.Sender> senders(HttpRequest request) {
        int expected = expectedStatus(request);
        List<OpenLoop.Sender> senders = new ArrayList<>();
        for (HttpClient client : clients) {
            senders.add(() -> client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == expected);
        }
        return senders;
    }

    private static int expectedStatus(HttpRequest request) {
        return request.uri().getPath().equals("/v1/nowhere") ? 404 : 200;
    }

    record Result(Latencies latencies, long ok, long failed, double perSecond, long seconds) {}
}
