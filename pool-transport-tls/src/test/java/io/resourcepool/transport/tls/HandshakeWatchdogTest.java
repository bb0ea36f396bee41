package io.resourcepool.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.spi.transport.Listener;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** The handshake timer holds a thread only while handshakes come: an idle transport (a connected worker's) holds none. */
class HandshakeWatchdogTest extends PkiTest {

    @Test
    void theTimerThreadEndsOnceNoHandshakeNeedsItAndComesBackForTheNext() throws Exception {
        Listener hub = track(track(new TlsTransport(pki.server(ClientAuth.WANT))).listen(Peers.ANY_PORT, Peers::echo));
        TlsContext client = TlsContext.of(pki.worker("node-1"));
        try (HandshakeWatchdog watchdog = new HandshakeWatchdog(Duration.ofMillis(200))) {
            handshake(watchdog, client, hub);
            assertThat(watchdog.threads()).isEqualTo(1);

            assertThat(awaitNoThread(watchdog, Duration.ofSeconds(30))).as("timer threads left after it idled").isZero();

            handshake(watchdog, client, hub);
            assertThat(watchdog.threads()).isEqualTo(1);
        }
    }

    private void handshake(HandshakeWatchdog watchdog, TlsContext client, Listener hub) throws Exception {
        Socket plain = track(new Socket());
        plain.connect(hub.address());
        SSLSocket socket = track(client.clientSide(plain, hub.address()));
        watchdog.handshake(() -> {
            socket.startHandshake();
            return socket;
        }, plain, Duration.ofSeconds(10));
        assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
    }

    private static int awaitNoThread(HandshakeWatchdog watchdog, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (watchdog.threads() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        return watchdog.threads();
    }
}
