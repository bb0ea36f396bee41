package io.resourcepool.transport.tls;

import io.resourcepool.api.ConfigurationException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The JDK's TLS engine (SunJSSE) set up from a {@link TlsTransportConfig}: one {@link SSLContext}, and the
 * protocol, cipher-suite and client-certificate settings applied to every connection. TLS runs over plain
 * sockets (an engine on the accepting side, a socket layered over the plain one on the connecting side), so
 * closing can always fall back to closing the plain socket, which wakes a blocked reader whatever state TLS is in.
 */
final class TlsContext {
    /** AEAD suites only; for TLS 1.2, forward-secret ECDHE with ECDSA or RSA keys. */
    private static final List<String> SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private final TlsTransportConfig config;
    private final SSLContext context;
    private final SSLSocketFactory factory;
    private final String[] protocols;
    private final String[] suites;

    private TlsContext(TlsTransportConfig config, SSLContext context) {
        this.config = config;
        this.context = context;
        this.factory = context.getSocketFactory();
        this.protocols = config.protocols().toArray(String[]::new);
        Set<String> supported = Set.of(context.getSupportedSSLParameters().getCipherSuites());
        this.suites = SUITES.stream().filter(supported::contains).toArray(String[]::new);
    }

    static TlsContext of(TlsTransportConfig config) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            KeyManager[] keys = config.identity().map(id -> new KeyManager[] {new FixedKeyManager(id)}).orElse(new KeyManager[0]);
            context.init(keys, new TrustManager[] {TrustManagers.of(config.trust())}, new SecureRandom());
            return new TlsContext(config, context);
        } catch (GeneralSecurityException e) {
            throw new ConfigurationException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    TlsTransportConfig config() {
        return config;
    }

    /** The server side of TLS for one accepted connection; nothing is sent until the handshake. */
    SSLEngine serverSide() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setSSLParameters(serverParameters());
        return engine;
    }

    private SSLParameters serverParameters() {
        SSLParameters parameters = parameters();
        parameters.setUseCipherSuitesOrder(true);
        switch (config.clientAuth()) {
            case NEED -> parameters.setNeedClientAuth(true);
            case WANT -> parameters.setWantClientAuth(true);
            case NONE -> parameters.setNeedClientAuth(false);
        }
        return parameters;
    }

    /** Puts the client side of TLS over a connected plain socket. */
    SSLSocket clientSide(Socket plain, InetSocketAddress address) throws IOException {
        SSLSocket socket = (SSLSocket) factory.createSocket(plain, address.getHostString(), address.getPort(), true);
        socket.setUseClientMode(true);
        socket.setSSLParameters(parameters());
        return socket;
    }

    private SSLParameters parameters() {
        SSLParameters parameters = new SSLParameters(suites.clone(), protocols.clone());
        // the hub is identified by its pinned CA, not by the name a worker used to reach it
        parameters.setEndpointIdentificationAlgorithm(null);
        return parameters;
    }

    String protocolList() {
        return String.join(" or ", Arrays.asList(protocols));
    }
}
