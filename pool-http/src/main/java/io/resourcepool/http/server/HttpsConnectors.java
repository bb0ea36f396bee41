package io.resourcepool.http.server;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * HTTPS listeners serving a {@link ServedCertificate} (the hub's own, or the operator's): TLS 1.3 only unless TLS
 * 1.2 is allowed, and then only forward-secret AEAD suites; no client certificates required (people carry bearer tokens, not certificates;
 * agents, when served, are asked for theirs);
 * HTTP/1.1 with keep-alive. The server names no software version.
 */
public final class HttpsConnectors {
    /** Suites allowed: every TLS 1.3 suite, and for TLS 1.2 ECDHE with AES-GCM or ChaCha20-Poly1305 only. */
    private static final String[] SUITES = {"^TLS_AES_.*$", "^TLS_CHACHA20_.*$",
        "^TLS_ECDHE_(ECDSA|RSA)_WITH_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256)$"};

    private HttpsConnectors() {}

    /**
     * Adds a listener to a server (not yet started).
     *
     * @param server the server
     * @param certificate the key and certificate chain to serve, which it keeps up to date on the listener
     * @param bind where to listen
     * @param allowTls12 whether to accept TLS 1.2 too
     * @param limits what one connection may cost: its idle timeout, how many may be open at once, and the minimum
     *     rate at which a request must arrive
     * @return the connector, whose local port is known once the server has started
     */
    public static ServerConnector add(Server server, ServedCertificate certificate, InetSocketAddress bind, boolean allowTls12, Limits limits) {
        return add(server, certificate, bind, allowTls12, limits, Optional.empty());
    }

    /**
     * Adds a listener that asks clients for a certificate issued by the hub's CAs, without requiring one: the handshake takes
     * whatever certificate is presented (after the client proved it holds its key), and the endpoints that need one
     * check it against the CA ({@link io.resourcepool.http.agent.AgentCertificates}), so a wrong certificate is
     * answered with a problem document rather than a failed handshake, and a browser is never made to choose one.
     *
     * @param server the server
     * @param certificate the key and certificate chain to serve
     * @param bind where to listen
     * @param allowTls12 whether to accept TLS 1.2 too
     * @param limits what one connection may cost
     * @param clientCas the CAs named in the certificate request, asked at every handshake; empty to ask for no client certificate
     * @return the connector
     */
    public static ServerConnector add(Server server, ServedCertificate certificate, InetSocketAddress bind, boolean allowTls12, Limits limits,
            Optional<Supplier<List<X509Certificate>>> clientCas) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // the certificate names localhost, the loopback addresses and the host; clients check the name themselves
        http.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
        ServerConnector connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(tls(certificate, allowTls12, clientCas), "http/1.1"),
                new HttpConnectionFactory(http));
        connector.setHost(bind.getHostString());
        connector.setPort(bind.getPort());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        if (limits.minRequestDataRate() > 0) {
            connector.addEventListener(new SlowRequestGuard(limits.minRequestDataRate(), limits.slowRequestGrace(), connector.getScheduler()));
        }
        // past the limit Jetty stops accepting: new connections wait in the kernel's backlog until one closes
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        server.addConnector(connector);
        return connector;
    }

    /**
     * What one connection may cost.
     *
     * @param idleTimeout how long a connection may stay silent
     * @param maxConnections connections open at once on the listener
     * @param minRequestDataRate bytes per second a request must arrive at after the grace; 0 for no minimum
     * @param slowRequestGrace how long a request may take before its rate is checked
     */
    public record Limits(Duration idleTimeout, int maxConnections, long minRequestDataRate, Duration slowRequestGrace) {}

    private static SslContextFactory.Server tls(ServedCertificate certificate, boolean allowTls12, Optional<Supplier<List<X509Certificate>>> clientCas) {
        SslContextFactory.Server tls = clientCas.<SslContextFactory.Server>map(ClientCertificateRequest::new).orElseGet(SslContextFactory.Server::new);
        certificate.serveWith(tls);
        tls.setIncludeProtocols(allowTls12 ? new String[] {"TLSv1.3", "TLSv1.2"} : new String[] {"TLSv1.3"});
        tls.setIncludeCipherSuites(SUITES);
        tls.setUseCipherSuitesOrder(true);
        tls.setRenegotiationAllowed(false);
        tls.setWantClientAuth(clientCas.isPresent());
        tls.setNeedClientAuth(false);
        return tls;
    }
}
