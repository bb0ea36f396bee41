package io.resourcepool.launcher.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The network's own limit for a benchmark of requests, measured in the same run: a bare TLS 1.3 echo on loopback in
 * this JVM (a throw-away self-signed P-256 key, no client certificate), a small message there and back on an open
 * connection, one client at a time and from several at once. A request to the hub on an open connection cannot be
 * answered faster than this. Close it to stop the echo.
 */
final class TlsEchoLimit implements AutoCloseable {
    /** The size of one message, about that of a small request frame. */
    static final int MESSAGE_BYTES = 64;

    private final SSLContext tls;
    private final SSLServerSocket server;
    private final Thread acceptor;

    private TlsEchoLimit(SSLContext tls, SSLServerSocket server) {
        this.tls = tls;
        this.server = server;
        this.acceptor = Thread.ofPlatform().daemon().name("bench-tls-echo").start(this::accept);
    }

    /** Starts the echo on a free loopback port. */
    static TlsEchoLimit start() {
        try {
            SSLContext tls = context();
            SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            server.setEnabledProtocols(new String[] {"TLSv1.3"});
            return new TlsEchoLimit(tls, server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the TLS echo", e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the TLS echo's key: " + e.getMessage(), e);
        }
    }

    /** Round trips on one open connection, each waited for. */
    Latencies serial(int count) {
        Latencies latencies = new Latencies();
        try (SSLSocket socket = connect()) {
            byte[] message = new byte[MESSAGE_BYTES];
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                roundTrip(in, out, message);
                latencies.record(System.nanoTime() - start);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the TLS echo failed", e);
        }
        return latencies;
    }

    /** Round trips per second from {@code clients} connections at once, over {@code length}. */
    double perSecond(int clients, Duration length) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long started = System.nanoTime();
        long deadline = started + length.toNanos();
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            running.add(Thread.ofVirtual().name("bench-tls-client-", i).start(() -> {
                try (SSLSocket socket = connect()) {
                    byte[] message = new byte[MESSAGE_BYTES];
                    DataInputStream in = new DataInputStream(socket.getInputStream());
                    OutputStream out = socket.getOutputStream();
                    while (System.nanoTime() < deadline) {
                        roundTrip(in, out, message);
                        done.incrementAndGet();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("the TLS echo failed", e);
                }
            }));
        }
        for (Thread thread : running) {
            thread.join();
        }
        return done.get() / ((System.nanoTime() - started) / 1e9);
    }

    private static void roundTrip(DataInputStream in, OutputStream out, byte[] message) throws IOException {
        out.write(message);
        out.flush();
        in.readFully(message);
    }

    private SSLSocket connect() throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(server.getInetAddress(), server.getLocalPort());
        socket.setEnabledProtocols(new String[] {"TLSv1.3"});
        socket.setTcpNoDelay(true);
        socket.startHandshake();
        return socket;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket accepted = server.accept();
                accepted.setTcpNoDelay(true);
                Thread.ofVirtual().name("bench-tls-echo-").start(() -> echo(accepted));
            } catch (IOException e) {
                // closed: the echo is over
            }
        }
    }

    private static void echo(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[MESSAGE_BYTES];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static SSLContext context() throws GeneralSecurityException, IOException, OperatorCreationException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=localhost");
        Instant now = Instant.now();
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.ONE, Date.from(now.minus(Duration.ofMinutes(1))), Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        char[] password = "bench".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("echo", keys.getPrivate(), password, new X509Certificate[] {certificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, password);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("echo", certificate);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            acceptor.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
