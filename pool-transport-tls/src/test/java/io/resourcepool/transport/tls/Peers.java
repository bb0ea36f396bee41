package io.resourcepool.transport.tls;

import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.transport.Connection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Small pieces the TLS tests share. */
final class Peers {
    static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private Peers() {}

    static void echo(Connection connection) {
        try {
            while (true) {
                connection.send(connection.receive());
            }
        } catch (TransportException e) {
            // the peer left: the echo is over
            return;
        }
    }

    static <T> T await(CompletableFuture<T> future) {
        return future.orTimeout(30, TimeUnit.SECONDS).join();
    }
}
