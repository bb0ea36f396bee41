package io.resourcepool.testkit.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.resourcepool.testkit.certs.TestCertificates;
import io.resourcepool.testkit.certs.TestIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An HTTPS server on a free loopback port, with the test kit's {@code localhost} certificate, that records every POST
 * and answers 204, or 500 to the first {@link #failNext} ones. {@link #clientTrust()} is the TLS setup a sender
 * needs to trust it.
 */
public final class WebhookReceiver implements AutoCloseable {
    private static final char[] PASSWORD = "test".toCharArray();

    private final HttpsServer server;
    private final List<ReceivedDelivery> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();

    private WebhookReceiver() throws IOException, GeneralSecurityException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext(TestCertificates.server())));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts a receiver.
     *
     * @return the running receiver
     */
    public static WebhookReceiver start() {
        try {
            return new WebhookReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The URL of a path on this receiver.
     *
     * @param path for example {@code /hook}
     * @return {@code https://localhost:PORT/hook}
     */
    public URI url(String path) {
        return URI.create("https://localhost:" + server.getAddress().getPort() + path);
    }

    /**
     * Answers 500 to the next deliveries.
     *
     * @param count how many
     */
    public void failNext(int count) {
        failures.set(count);
    }

    /**
     * Every delivery so far, in order of arrival, failed ones too.
     *
     * @return the deliveries
     */
    public List<ReceivedDelivery> received() {
        return List.copyOf(received);
    }

    /**
     * The TLS setup that trusts this receiver (the test kit's CA).
     *
     * @return the context
     */
    public static SSLContext clientTrust() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", TestCertificates.ca());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String signature = String.valueOf(exchange.getRequestHeaders().getFirst("X-ResourcePool-Signature"));
            int status = failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 204;
            received.add(new ReceivedDelivery(exchange.getRequestURI().getPath(), signature.equals("null") ? "" : signature, body,
                    Instant.now(), status));
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private static SSLContext serverContext(TestIdentity identity) throws GeneralSecurityException, IOException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", identity.privateKey(), PASSWORD, identity.certificateChain().toArray(Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
