package io.resourcepool.testkit.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** One forwarded connection of a {@link TcpFaultProxy}: two pumps, one each way, that ask the proxy before each write. */
final class Link {
    private static final int CHUNK = 16 * 1024;

    private final TcpFaultProxy proxy;
    private final Socket client;
    private final Socket upstream;

    Link(TcpFaultProxy proxy, Socket client, Socket upstream) {
        this.proxy = proxy;
        this.client = client;
        this.upstream = upstream;
    }

    void start() {
        Thread.ofVirtual().name("fault-proxy-up").start(() -> pump(client, upstream));
        Thread.ofVirtual().name("fault-proxy-down").start(() -> pump(upstream, client));
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (!proxy.mayPass()) {
                    break;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away: the link ends below
        } finally {
            reset();
        }
    }

    /** Ends the connection abruptly on both sides, as a server that died would. */
    void reset() {
        resetQuietly(client);
        resetQuietly(upstream);
        proxy.ended(this);
    }

    static void resetQuietly(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
