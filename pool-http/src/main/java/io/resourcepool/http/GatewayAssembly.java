package io.resourcepool.http;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.transport.KeyMaterial;
import io.resourcepool.api.spi.transport.KeyMaterialFiles;
import io.resourcepool.core.hub.Hub;
import io.resourcepool.http.agent.AgentCertificates;
import io.resourcepool.http.api.ApiHandler;
import io.resourcepool.http.api.ApiRoutes;
import io.resourcepool.http.metrics.MetricsHandler;
import io.resourcepool.http.metrics.PoolMetrics;
import io.resourcepool.http.server.CertificateWatch;
import io.resourcepool.http.server.ConnectorSwitch;
import io.resourcepool.http.server.DecoyPaths;
import io.resourcepool.http.server.Honeypot;
import io.resourcepool.http.server.SecurityTxt;
import io.resourcepool.http.server.HttpsConnectors;
import io.resourcepool.http.server.IdentityWatch;
import io.resourcepool.http.server.Mounts;
import io.resourcepool.http.server.ProblemErrorHandler;
import io.resourcepool.http.server.RequestCounter;
import io.resourcepool.http.server.RequestGuard;
import io.resourcepool.http.server.SecurityHeaders;
import io.resourcepool.http.server.ServedCertificate;
import io.resourcepool.http.server.ServedRequests;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the server together: the listeners, the handler tree (security headers, then request counting, then the
 * honeypot's decoys, then the paths: {@code /v1}, {@code /metrics}, {@code security.txt}, the mounted handlers, a 404
 * problem for the rest) and Jetty's thread pool,
 * whose blocking handlers run on virtual threads; starts it, or stops what it had started and says why not.
 */
final class GatewayAssembly {
    private static final Logger log = LoggerFactory.getLogger(GatewayAssembly.class);

    record Mount(String path, boolean prefix, Handler handler) {}

    /** The certificate to serve: a fixed identity, or an operator's files to follow. */
    sealed interface Certificate {
        /** The hub's own identity, or any fixed one. */
        record Fixed(KeyMaterial identity) implements Certificate {}

        /** An operator's files, checked for renewals every {@code checkEvery} (never when zero). */
        record Watched(KeyMaterialFiles files, Duration checkEvery) implements Certificate {}

        /** An identity held elsewhere (the hub's CA), served anew whenever its holder's generation changes. */
        record Followed(Supplier<KeyMaterial> identity, LongSupplier generation, Duration checkEvery) implements Certificate {}
    }

    record Parts(Hub hub, Certificate certificate, HttpSettings settings, Optional<PoolMetrics> metrics, List<Mount> mounts,
            DecoyPaths decoys, Optional<SecurityTxt> securityTxt, Optional<Supplier<List<X509Certificate>>> agentCas) {}

    private GatewayAssembly() {}

    static HttpGateway start(Parts parts) {
        HttpSettings settings = parts.settings();
        Server server = new Server(threads());
        server.setErrorHandler(new ProblemErrorHandler());
        server.setStopTimeout(Duration.ofSeconds(5).toMillis());
        HttpsConnectors.Limits limits = new HttpsConnectors.Limits(settings.idleTimeout(), settings.maxConnections(),
                settings.minRequestDataRate(), HttpSettings.SLOW_REQUEST_GRACE);
        ServedCertificate served = served(server, parts.certificate());
        ServerConnector api = HttpsConnectors.add(server, served, settings.bind(), settings.allowTls12(), limits, parts.agentCas());
        Optional<ServerConnector> metricsConnector = parts.metrics().isPresent() ? settings.metricsBind()
                .map(address -> HttpsConnectors.add(server, served, address, settings.allowTls12(), limits))
                : Optional.empty();
        ApiHandler routes = ApiRoutes.handler(parts.hub(), settings.maxBodyBytes(), heartbeat(settings),
                parts.agentCas().map(cas -> new AgentCertificates(cas, InstantSource.system())));
        server.setHandler(new SecurityHeaders(new RequestCounter(new Honeypot(routing(parts, routes, metricsConnector), parts.hub(), parts.decoys()),
                parts.metrics().<ServedRequests>map(m -> m).orElse(ServedRequests.NONE))));
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw new ConfigurationException("cannot start the HTTP API on " + settings.bind() + ": " + e.getMessage(), e);
        }
        HttpGateway gateway = new HttpGateway(server, api, metricsConnector, routes, served);
        log.info("HTTP API listening on {}{}", gateway.uri(), gateway.metricsUri().map(u -> ", metrics on " + u).orElse(""));
        return gateway;
    }

    /** A watch is a bean of the server, so its timer starts and stops with it. */
    private static ServedCertificate served(Server server, Certificate certificate) {
        return switch (certificate) {
            case Certificate.Fixed fixed -> new ServedCertificate(fixed.identity());
            case Certificate.Watched watched -> {
                CertificateWatch watch = new CertificateWatch(watched.files(), InstantSource.system(), watched.checkEvery());
                server.addBean(watch);
                yield watch.served();
            }
            case Certificate.Followed followed -> {
                IdentityWatch watch = new IdentityWatch(followed.identity(), followed.generation(), followed.checkEvery());
                server.addBean(watch);
                yield watch.served();
            }
        };
    }

    private static Handler routing(Parts parts, ApiHandler api, Optional<ServerConnector> metricsConnector) {
        Mounts main = new Mounts();
        main.prefix("/v1", api);
        if (parts.metrics().isPresent() && metricsConnector.isEmpty()) {
            main.exact("/metrics", new MetricsHandler(parts.metrics().get(), api.guard(parts.settings().metricsRole())));
        }
        parts.securityTxt().ifPresent(file -> main.exact(SecurityTxt.PATH, file.handler()));
        for (Mount mount : parts.mounts()) {
            if (mount.path().equals("/v1") || mount.path().startsWith("/v1/") || mount.path().equals("/metrics")) {
                throw new ConfigurationException("the path " + mount.path() + " is the API's own; mount the handler elsewhere");
            }
            if (mount.prefix()) {
                main.prefix(mount.path(), mount.handler());
            } else {
                main.exact(mount.path(), mount.handler());
            }
        }
        if (metricsConnector.isEmpty()) {
            return main;
        }
        Mounts scrape = new Mounts();
        scrape.exact("/metrics", new MetricsHandler(parts.metrics().orElseThrow(), RequestGuard.OPEN));
        return new ConnectorSwitch(metricsConnector.get(), scrape, main);
    }

    /** A heartbeat well inside the idle timeout, so a quiet output stream is never taken for an idle one. */
    private static Duration heartbeat(HttpSettings settings) {
        Duration half = settings.idleTimeout().dividedBy(2);
        return half.compareTo(Duration.ofSeconds(15)) < 0 ? half : Duration.ofSeconds(15);
    }

    private static QueuedThreadPool threads() {
        QueuedThreadPool pool = new QueuedThreadPool();
        pool.setName("http");
        pool.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("http-request-", 0).factory()));
        return pool;
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // the start's own failure is the one to report
        }
    }
}
