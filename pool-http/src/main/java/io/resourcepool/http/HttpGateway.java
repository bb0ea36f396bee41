package io.resourcepool.http;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.spi.transport.KeyMaterial;
import io.resourcepool.api.spi.transport.KeyMaterialFiles;
import io.resourcepool.core.hub.Hub;
import io.resourcepool.http.api.ApiHandler;
import io.resourcepool.http.metrics.PoolMetrics;
import io.resourcepool.http.server.DecoyPaths;
import io.resourcepool.http.server.SecurityTxt;
import io.resourcepool.http.server.ServedCertificate;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's HTTPS server: the JSON API under {@code /v1}, {@code /metrics}, and whatever else is mounted (the
 * dashboard's {@code /ui} and {@code /}), on Jetty core handlers, each request on its own virtual thread. See the
 * package description for what it serves and how to add to it.
 *
 * <p>Ownership: it stops the server and the threads it started; the hub, the metrics and the mounted handlers'
 * sources stay the caller's. A failed {@link Builder#start()} undoes what it had done.
 */
public final class HttpGateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpGateway.class);

    private final Server server;
    private final ServerConnector api;
    private final Optional<ServerConnector> metrics;
    private final ApiHandler routes;
    private final ServedCertificate certificate;

    HttpGateway(Server server, ServerConnector api, Optional<ServerConnector> metrics, ApiHandler routes, ServedCertificate certificate) {
        this.server = server;
        this.api = api;
        this.metrics = metrics;
        this.routes = routes;
        this.certificate = certificate;
    }

    /**
     * Starts assembling a gateway.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Where the API is served.
     *
     * @return for example {@code https://127.0.0.1:7080}
     */
    public URI uri() {
        return uriOf(api);
    }

    /**
     * Where {@code /metrics} is served without a token, when it has an address of its own.
     *
     * @return the metrics listener's address, for example {@code https://127.0.0.1:9464}
     */
    public Optional<URI> metricsUri() {
        return metrics.map(HttpGateway::uriOf);
    }

    /**
     * The API's routes as served, each a method and a path template such as {@code /v1/jobs/{id}}.
     *
     * @return the routes
     */
    public List<Map.Entry<String, String>> apiRoutes() {
        return routes.served();
    }

    /**
     * The certificate chain the HTTPS listeners present now: the operator's latest renewal when they serve its
     * files, otherwise the identity given.
     *
     * @return the chain, leaf first
     */
    public List<X509Certificate> servedCertificateChain() {
        return certificate.chain();
    }

    private static URI uriOf(ServerConnector connector) {
        String host = connector.getHost().contains(":") ? "[" + connector.getHost() + "]" : connector.getHost();
        return URI.create("https://" + host + ":" + connector.getLocalPort());
    }

    /** Stops serving: open connections close, and requests still waiting on the hub fail. Idempotent. */
    @Override
    public void close() {
        try {
            server.stop();
            log.info("HTTP API stopped");
        } catch (Exception e) {
            log.warn("the HTTP server did not stop cleanly: {}", e.toString());
        }
    }

    /** Assembles a gateway. */
    public static final class Builder {
        private Hub hub;
        private Optional<GatewayAssembly.Certificate> certificate = Optional.empty();
        private HttpSettings settings;
        private Optional<PoolMetrics> poolMetrics = Optional.empty();
        private final List<GatewayAssembly.Mount> mounts = new ArrayList<>();
        private DecoyPaths decoys = DecoyPaths.DEFAULT;
        private Optional<SecurityTxt> securityTxt = Optional.empty();
        private Optional<Supplier<List<X509Certificate>>> agentCas = Optional.empty();

        private Builder() {}

        /**
         * Serves agents over HTTPS ({@code /v1/agents/...}): the API listener asks clients for a certificate (without
         * requiring one, so browsers and the CLI keep working) and the agent endpoints accept only certificates this CA
         * signed. Without it the agent endpoints answer 404 and no certificate is asked for.
         *
         * @param value the hub's CA certificate, the one that signs enrolled machines' certificates
         * @return this builder
         */
        public Builder agentCa(X509Certificate value) {
            Objects.requireNonNull(value, "agentCa must be given");
            return agentCas(() -> List.of(value));
        }

        /**
         * Serves agents over HTTPS as {@link #agentCa} does, accepting certificates signed by any of the CAs the
         * supplier gives at the time of each request: during a CA rotation the new CA and the one being retired.
         *
         * @param value the CAs trusted for agents now, the signing one first; asked at every handshake and request
         * @return this builder
         */
        public Builder agentCas(Supplier<List<X509Certificate>> value) {
            this.agentCas = Optional.of(Objects.requireNonNull(value, "agentCas must be given"));
            return this;
        }

        /**
         * The started hub whose in-process clients serve every API request (required).
         *
         * @param value the hub
         * @return this builder
         */
        public Builder hub(Hub value) {
            this.hub = Objects.requireNonNull(value, "hub must be given");
            return this;
        }

        /**
         * The key and certificate chain to serve HTTPS with, normally the hub's own (this or
         * {@link #certificateFiles} is required; the last call wins).
         *
         * @param value the identity
         * @return this builder
         */
        public Builder identity(KeyMaterial value) {
            this.certificate = Optional.of(new GatewayAssembly.Certificate.Fixed(Objects.requireNonNull(value, "identity must be given")));
            return this;
        }

        /**
         * Serves HTTPS with an identity held elsewhere, normally the hub's CA's ({@code ca::serverKeyMaterial} with
         * {@code ca::reloadedGeneration}), and follows its replacements without a restart: every {@code checkEvery} the
         * holder's generation is asked for, and when it changed the holder's identity is served from the next handshake
         * on; connections already open keep theirs. This or {@link #identity} or {@link #certificateFiles} is required;
         * the last call wins.
         *
         * @param identity what the holder holds now
         * @param generation changes whenever what the holder holds does
         * @param checkEvery how often to ask; must be positive
         * @return this builder
         */
        public Builder followedIdentity(Supplier<KeyMaterial> identity, LongSupplier generation, Duration checkEvery) {
            Objects.requireNonNull(identity, "identity must be given");
            Objects.requireNonNull(generation, "generation must be given");
            Objects.requireNonNull(checkEvery, "checkEvery must be given");
            this.certificate = Optional.of(new GatewayAssembly.Certificate.Followed(identity, generation, checkEvery));
            return this;
        }

        /**
         * Serves HTTPS with an operator's certificate from PEM files, read and checked at start, and follows their
         * renewals: every {@code checkEvery} the files' modification times are compared, and a changed pair that
         * passes the checks is served from the next handshake on (one that does not is logged and not served).
         *
         * @param files the certificate chain and key
         * @param checkEvery how often to look at the files; {@link Duration#ZERO} for never, negative refused at start
         * @return this builder
         */
        public Builder certificateFiles(KeyMaterialFiles files, Duration checkEvery) {
            Objects.requireNonNull(files, "files must be given");
            Objects.requireNonNull(checkEvery, "checkEvery must be given");
            this.certificate = Optional.of(new GatewayAssembly.Certificate.Watched(files, checkEvery));
            return this;
        }

        /**
         * Where and how to serve (required).
         *
         * @param value the settings
         * @return this builder
         */
        public Builder settings(HttpSettings value) {
            this.settings = Objects.requireNonNull(value, "settings must be given");
            return this;
        }

        /**
         * The metrics to serve at {@code /metrics} and to count requests in; without them there is no {@code /metrics}.
         *
         * @param value the metrics, whose observer the hub was built with
         * @return this builder
         */
        public Builder metrics(PoolMetrics value) {
            this.poolMetrics = Optional.of(value);
            return this;
        }

        /**
         * Serves a path and everything below it with a handler: for the dashboard, {@code mountPrefix("/ui", files)}.
         *
         * @param prefix the path, starting with {@code /} and ending without one; not {@code /v1} or {@code /metrics}
         * @param handler the handler, started and stopped with the server; its answers get the security headers
         * @return this builder
         */
        public Builder mountPrefix(String prefix, Handler handler) {
            mounts.add(new GatewayAssembly.Mount(prefix, true, Objects.requireNonNull(handler, "handler must be given")));
            return this;
        }

        /**
         * Serves one exact path with a handler: for the dashboard, {@code mountExact("/", redirectToUi)}.
         *
         * @param path the path, {@code /} for the root alone; not under {@code /v1}, not {@code /metrics}
         * @param handler the handler, started and stopped with the server; its answers get the security headers
         * @return this builder
         */
        public Builder mountExact(String path, Handler handler) {
            mounts.add(new GatewayAssembly.Mount(path, false, Objects.requireNonNull(handler, "handler must be given")));
            return this;
        }

        /**
         * The honeypot's decoy paths; {@link DecoyPaths#DEFAULT} unless set, {@link DecoyPaths#NONE} for none. A request
         * for one is answered as any unknown path, and the hub audits it, alerts, and charges its source.
         *
         * @param value the decoys
         * @return this builder
         */
        public Builder decoys(DecoyPaths value) {
            this.decoys = Objects.requireNonNull(value, "decoys must be given (DecoyPaths.NONE for none)");
            return this;
        }

        /**
         * Serves {@code /.well-known/security.txt}; without it the path is not served.
         *
         * @param value the file's fields
         * @return this builder
         */
        public Builder securityTxt(SecurityTxt value) {
            this.securityTxt = Optional.of(value);
            return this;
        }

        /**
         * Starts the server.
         *
         * @return the running gateway
         * @throws ConfigurationException when a part is missing, the certificate files do not pass their checks, a mount
         *     takes a reserved path, or the address cannot be bound
         */
        public HttpGateway start() {
            require(hub, "hub");
            GatewayAssembly.Certificate served = certificate.orElseThrow(() -> new ConfigurationException(
                    "an HTTP gateway needs a certificate to serve: call identity(...) or certificateFiles(...) on the builder"));
            require(settings, "settings");
            return GatewayAssembly.start(new GatewayAssembly.Parts(hub, served, settings, poolMetrics, List.copyOf(mounts), decoys, securityTxt,
                    agentCas));
        }

        private static void require(Object part, String name) {
            if (part == null) {
                throw new ConfigurationException("an HTTP gateway needs a " + name + ": call " + name + "(...) on the builder");
            }
        }
    }
}
