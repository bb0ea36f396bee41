package io.resourcepool.testkit.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.FrameException;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.transport.Connection;
import io.resourcepool.api.spi.transport.ConnectionHandler;
import io.resourcepool.api.spi.transport.Frame;
import io.resourcepool.api.spi.transport.Listener;
import io.resourcepool.api.spi.transport.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link Transport} must show, from the outside. An implementation's test extends this
 * class and says how to make a server transport and a client transport that can reach it; each test gets
 * a fresh pair and closes it afterwards.
 *
 * <p>Frame sizes are taken from the transports' own {@link Transport#limits()}, so a transport configured
 * with a small {@code maxFrameBytes} keeps the tests quick.
 */
@Timeout(60)
public abstract class TransportContract {
    /** The server transport of the running test. */
    protected Transport server;
    /** The client transport of the running test. */
    protected Transport client;

    private final List<AutoCloseable> opened = new CopyOnWriteArrayList<>();

    /**
     * Makes the transport that listens. Called before each test.
     *
     * @return a transport with a server identity
     */
    protected abstract Transport newServerTransport();

    /**
     * Makes the transport that connects to {@link #newServerTransport()}'s listeners. Called before each test.
     *
     * @return a transport that trusts the server
     */
    protected abstract Transport newClientTransport();

    /**
     * Where listeners bind; the loopback address on a free port unless overridden.
     *
     * @return the bind address
     */
    protected InetSocketAddress bindAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    @BeforeEach
    final void openTransports() {
        server = newServerTransport();
        client = newClientTransport();
    }

    @AfterEach
    final void closeTransports() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /**
     * Listens on {@link #bindAddress()}; the listener is closed after the test.
     *
     * @param handler serves each connection
     * @return the listener
     */
    protected final Listener listen(ConnectionHandler handler) {
        return track(server.listen(bindAddress(), handler));
    }

    /**
     * Connects the client transport to a listener; the connection is closed after the test.
     *
     * @param listener the listener
     * @return the connection
     */
    protected final Connection connect(Listener listener) {
        return track(client.connect(listener.address()));
    }

    private <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    @Test
    void framesRoundTripBothWaysInOrderIncludingEmptyAndLargest() {
        Listener listener = listen(connection -> {
            connection.send(new Frame(7, Bytes.utf8("hello")));
            echo(connection);
        });
        Connection connection = connect(listener);
        assertThat(connection.receive()).isEqualTo(new Frame(7, Bytes.utf8("hello")));

        int largest = Math.min(server.limits().maxFrameBytes(), client.limits().maxFrameBytes());
        List<Frame> sent = List.of(
                new Frame(0, Bytes.EMPTY),
                new Frame(1, Payloads.random(1, 1)),
                new Frame(Frame.MAX_TYPE, Payloads.random(2, 1000)),
                new Frame(3, Payloads.random(3, Math.min(70_000, largest - 2))),
                new Frame(4, Payloads.random(4, largest - 1)),
                new Frame(5, Payloads.random(5, largest)),
                new Frame(6, Bytes.EMPTY));
        CompletableFuture<List<Frame>> echoed = Threads.receive(connection, sent.size());
        sent.forEach(connection::send);
        assertThat(Threads.await(echoed)).containsExactlyElementsOf(sent);
    }

    @Test
    void concurrentSendersOnOneConnectionNeverInterleaveFrames() {
        int senders = 8;
        int perSender = 40;
        CompletableFuture<List<Frame>> received = new CompletableFuture<>();
        Listener listener = listen(connection -> received.complete(Threads.receiveAll(connection, senders * perSender)));
        Connection connection = connect(listener);

        List<CompletableFuture<Void>> sending = IntStream.range(0, senders)
                .mapToObj(sender -> Threads.run("sender-" + sender, () -> {
                    for (int seq = 0; seq < perSender; seq++) {
                        connection.send(Payloads.sequenced(sender, seq, server.limits().maxFrameBytes()));
                    }
                }))
                .toList();
        sending.forEach(Threads::await);

        List<Frame> frames = Threads.await(received);
        assertThat(frames).hasSize(senders * perSender).allSatisfy(Payloads::assertIntact);
        for (int sender = 0; sender < senders; sender++) {
            int s = sender;
            assertThat(frames.stream().filter(f -> f.type() == s).map(Payloads::sequenceOf).toList())
                    .as("frames of sender %d, in arrival order", s)
                    .containsExactlyElementsOf(IntStream.range(0, perSender).boxed().toList());
        }
    }

    @Test
    void oneConnectionCarriesFramesBothWaysAtOnce() {
        int count = 300;
        int max = Math.min(server.limits().maxFrameBytes(), client.limits().maxFrameBytes());
        CompletableFuture<List<Frame>> serverReceived = new CompletableFuture<>();
        Listener listener = listen(connection -> {
            CompletableFuture<Void> pushing = Threads.run("server-push", () -> sendSequence(connection, 1, count, max));
            serverReceived.complete(Threads.receiveAll(connection, count));
            Threads.await(pushing);
        });
        Connection connection = connect(listener);
        CompletableFuture<List<Frame>> clientReceived = Threads.receive(connection, count);
        sendSequence(connection, 2, count, max);

        assertThat(Threads.await(clientReceived)).extracting(Payloads::sequenceOf).containsExactlyElementsOf(IntStream.range(0, count).boxed().toList());
        assertThat(Threads.await(serverReceived)).extracting(Payloads::sequenceOf).containsExactlyElementsOf(IntStream.range(0, count).boxed().toList());
    }

    private static void sendSequence(Connection connection, int type, int count, int max) {
        for (int seq = 0; seq < count; seq++) {
            connection.send(Payloads.sequenced(type, seq, max));
        }
    }

    @Test
    void closeWakesABlockedReceiveWithTransportException() {
        Listener listener = listen(TransportContract::echo);
        Connection connection = connect(listener);
        AtomicReference<Thread> receiver = new AtomicReference<>();
        CompletableFuture<Frame> receiving = Threads.call("blocked-receiver", () -> {
            receiver.set(Thread.currentThread());
            return connection.receive();
        });
        Threads.awaitParked(receiver::get);

        connection.close();

        assertThat(Threads.awaitFailure(receiving)).isInstanceOf(TransportException.class);
        assertThat(connection.isOpen()).isFalse();
        assertThatThrownBy(() -> connection.send(new Frame(1, Bytes.EMPTY))).isInstanceOf(TransportException.class);
        connection.close();
    }

    @Test
    void handlerReturningClosesTheConnectionForThePeer() {
        Listener listener = listen(connection -> connection.send(new Frame(9, Bytes.utf8("bye"))));
        Connection connection = connect(listener);

        assertThat(connection.receive()).isEqualTo(new Frame(9, Bytes.utf8("bye")));
        assertThatThrownBy(connection::receive).isInstanceOf(TransportException.class).isNotInstanceOf(FrameException.class);
    }

    @Test
    void failingHandlerEndsOnlyItsOwnConnection() {
        Listener listener = listen(connection -> {
            Frame first = connection.receive();
            if (first.type() == 666) {
                throw new IllegalStateException("handler failed on purpose");
            }
            connection.send(first);
            echo(connection);
        });
        Connection failing = connect(listener);
        failing.send(new Frame(666, Bytes.EMPTY));
        assertThatThrownBy(failing::receive).isInstanceOf(TransportException.class);

        Connection healthy = connect(listener);
        healthy.send(new Frame(1, Bytes.utf8("still there?")));
        assertThat(healthy.receive()).isEqualTo(new Frame(1, Bytes.utf8("still there?")));
    }

    @Test
    void closingTheListenerClosesTheConnectionsItAccepted() {
        CompletableFuture<Void> handlerRunning = new CompletableFuture<>();
        CompletableFuture<Throwable> handlerOutcome = new CompletableFuture<>();
        Listener listener = listen(connection -> {
            connection.receive();
            handlerRunning.complete(null);
            try {
                connection.receive();
                handlerOutcome.complete(new AssertionError("receive returned after the listener closed"));
            } catch (RuntimeException e) {
                handlerOutcome.complete(e);
            }
        });
        Connection connection = connect(listener);
        connection.send(new Frame(1, Bytes.EMPTY));
        Threads.await(handlerRunning);

        listener.close();

        assertThat(Threads.await(handlerOutcome)).isInstanceOf(TransportException.class);
        assertThatThrownBy(connection::receive).isInstanceOf(TransportException.class);
        assertThatThrownBy(() -> client.connect(listener.address())).isInstanceOf(TransportException.class);
    }

    @Test
    void secondClientIsServedWhileTheFirstIsIdle() {
        Listener listener = listen(TransportContract::echo);
        Connection idle = connect(listener);
        Connection busy = connect(listener);

        busy.send(new Frame(2, Bytes.utf8("ping")));

        assertThat(busy.receive()).isEqualTo(new Frame(2, Bytes.utf8("ping")));
        assertThat(idle.isOpen()).isTrue();
    }

    @Test
    void bothEndsNameTheirPeerAddress() {
        CompletableFuture<String> seenByServer = new CompletableFuture<>();
        Listener listener = listen(connection -> seenByServer.complete(connection.remoteAddress()));
        Connection connection = connect(listener);

        assertThat(connection.remoteAddress()).isNotBlank();
        assertThat(Threads.await(seenByServer)).isNotBlank();
    }

    @Test
    void frameOverTheReceiversLimitIsRefusedAsTooLarge() {
        CompletableFuture<Throwable> refusal = new CompletableFuture<>();
        Listener listener = listen(connection -> {
            try {
                connection.receive();
                refusal.complete(new AssertionError("an oversized frame was accepted"));
            } catch (RuntimeException e) {
                refusal.complete(e);
            }
        });
        Connection connection = connect(listener);
        int tooLarge = server.limits().maxFrameBytes() + 1;

        Threads.run("oversized-sender", () -> connection.send(new Frame(1, Bytes.adopt(new byte[tooLarge]))));

        assertThat(Threads.await(refusal))
                .isInstanceOfSatisfying(FrameException.class, e -> assertThat(e.reason()).isEqualTo(FrameException.Reason.TOO_LARGE));
    }

    /**
     * Sends every frame back until the connection ends.
     *
     * @param connection the connection to serve
     */
    protected static void echo(Connection connection) {
        try {
            while (true) {
                connection.send(connection.receive());
            }
        } catch (TransportException e) {
            // the peer went away or the connection was closed: nothing is left to echo
            return;
        }
    }
}
