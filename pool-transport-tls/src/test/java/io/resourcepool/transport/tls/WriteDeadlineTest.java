package io.resourcepool.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.transport.Connection;
import io.resourcepool.api.spi.transport.Frame;
import io.resourcepool.api.spi.transport.Listener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer that stops reading cannot hold a sender: once the socket buffers are full, a frame that has not gone out
 * within the write deadline closes the connection, the stuck write fails with a message naming the deadline, and
 * later sends fail at once.
 */
class WriteDeadlineTest {
    private static final Duration DEADLINE = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    @Test
    void aWriteThePeerDoesNotTakeWithinTheDeadlineClosesTheConnection() throws Exception {
        Pki pki = new Pki(dir);
        CompletableFuture<Connection> hubSide = new CompletableFuture<>();
        CompletableFuture<RuntimeException> failure = new CompletableFuture<>();
        try (TlsTransport server = new TlsTransport(pki.server(ClientAuth.WANT).withLimits(Pki.LIMITS.withWriteDeadline(DEADLINE)));
                TlsTransport client = new TlsTransport(pki.anonymousClient())) {
            Listener listener = server.listen(Peers.ANY_PORT, connection -> {
                hubSide.complete(connection);
                failure.complete(sendUntilStuck(connection));
            });
            try (Connection neverRead = client.connect(listener.address())) {
                RuntimeException stuck = Peers.await(failure);

                assertThat(stuck).isInstanceOf(TransportException.class).hasMessageContaining("write-timeout");
                Connection connection = Peers.await(hubSide);
                assertThat(connection.isOpen()).isFalse();
                assertThatThrownBy(() -> connection.send(frame())).isInstanceOf(TransportException.class)
                        .hasMessageContaining("write-timeout");
            }
        }
    }

    @Test
    void aPeerThatReadsIsNeverCutOffHoweverMuchIsSent() throws Exception {
        Pki pki = new Pki(dir);
        try (TlsTransport server = new TlsTransport(pki.server(ClientAuth.WANT).withLimits(Pki.LIMITS.withWriteDeadline(DEADLINE)));
                TlsTransport client = new TlsTransport(pki.anonymousClient())) {
            Listener listener = server.listen(Peers.ANY_PORT, Peers::echo);
            try (Connection reader = client.connect(listener.address())) {
                for (int i = 0; i < 200; i++) {
                    reader.send(frame());
                    assertThat(reader.receive().payload().size()).isEqualTo(64 * 1024);
                }
                assertThat(reader.isOpen()).isTrue();
            }
        }
    }

    private static RuntimeException sendUntilStuck(Connection connection) {
        try {
            while (true) {
                connection.send(frame());
            }
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static Frame frame() {
        return new Frame(0x0101, Bytes.copyOf(new byte[64 * 1024]));
    }
}
