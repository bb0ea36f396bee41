package io.resourcepool.http.server;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.transport.tls.KeyMaterial;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.HexFormat;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * HTTPS listeners with the hub's own server certificate: TLS 1.3 only unless TLS 1.2 is allowed, and then only
 * forward-secret AEAD suites; no client certificates asked for (people carry bearer tokens, not certificates);
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
     * @param identity the hub's key and certificate chain
     * @param bind where to listen
     * @param allowTls12 whether to accept TLS 1.2 too
     * @param limits what one connection may cost: its idle timeout, how many may be open at once, and the minimum
     *     rate at which a request must arrive
     * @return the connector, whose local port is known once the server has started
     */
    public static ServerConnector add(Server server, KeyMaterial identity, InetSocketAddress bind, boolean allowTls12, Limits limits) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // the certificate names localhost, the loopback addresses and the host; clients check the name themselves
        http.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
        ServerConnector connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(tls(identity, allowTls12), "http/1.1"),
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

    private static SslContextFactory.Server tls(KeyMaterial identity, boolean allowTls12) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        char[] password = randomPassword();
        tls.setKeyStore(keyStore(identity, password));
        tls.setKeyStorePassword(new String(password));
        tls.setIncludeProtocols(allowTls12 ? new String[] {"TLSv1.3", "TLSv1.2"} : new String[] {"TLSv1.3"});
        tls.setIncludeCipherSuites(SUITES);
        tls.setUseCipherSuitesOrder(true);
        tls.setRenegotiationAllowed(false);
        tls.setWantClientAuth(false);
        tls.setNeedClientAuth(false);
        return tls;
    }

    private static KeyStore keyStore(KeyMaterial identity, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("hub", identity.privateKey(), password, identity.certificateChain().toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new ConfigurationException("cannot hold the hub's key for HTTPS: " + e.getMessage(), e);
        }
    }

    /** The key store lives in memory only; its password guards nothing on disk but must not be guessable. */
    private static char[] randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).toCharArray();
    }
}
