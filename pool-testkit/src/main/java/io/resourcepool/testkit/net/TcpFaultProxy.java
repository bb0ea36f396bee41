package io.resourcepool.testkit.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A TCP proxy on loopback that passes traffic to a real server, and on demand plays the faults of a network or a
 * server: {@link #cut()} is a server restarting (every connection reset, new ones refused), {@link #blackhole()}
 * is a network that swallows packets (connections are accepted and stay open, but no byte passes either way, so
 * connects and queries hang), and {@link #heal()} passes traffic again (bytes held by a blackhole are delivered
 * then, as TCP would retransmit them).
 *
 * <p>Ownership: the proxy owns its listening socket, the sockets of every connection it forwards and their
 * threads; {@link #close()} ends them all.
 */
public final class TcpFaultProxy implements AutoCloseable {
    /** What the proxy does with traffic now. */
    public enum Mode { PASS, CUT, BLACKHOLE }

    private final InetSocketAddress target;
    private final int port;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile Mode mode = Mode.PASS;
    private volatile boolean closed;
    private ServerSocket listening;

    private TcpFaultProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listening = listen(0);
        this.port = listening.getLocalPort();
        acceptOn(listening);
    }

    /**
     * Starts a proxy on 127.0.0.1 and an ephemeral port, passing traffic to the target.
     *
     * @param target the real server
     * @return the running proxy
     */
    public static TcpFaultProxy start(InetSocketAddress target) {
        try {
            return new TcpFaultProxy(target);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a fault proxy for " + target, e);
        }
    }

    /**
     * The port the proxy listens on (the same after a {@link #cut()} and {@link #heal()}).
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * What the proxy does now.
     *
     * @return the mode
     */
    public Mode mode() {
        return mode;
    }

    /**
     * Connections forwarded now.
     *
     * @return how many
     */
    public int openLinks() {
        return links.size();
    }

    /** As a server restarting: every connection is reset, and new ones are refused until {@link #heal()}. */
    public void cut() {
        setMode(Mode.CUT);
        closeListener();
        links.forEach(Link::reset);
    }

    /** As a network swallowing packets: connections are accepted and kept, but no byte passes until {@link #heal()}. */
    public void blackhole() {
        setMode(Mode.BLACKHOLE);
    }

    /** Passes traffic again; after a cut, listens again on the same port. */
    public void heal() {
        lock.lock();
        try {
            if (mode == Mode.CUT && !closed) {
                listening = relisten();
                acceptOn(listening);
            }
            mode = Mode.PASS;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void setMode(Mode next) {
        lock.lock();
        try {
            mode = next;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits while traffic is swallowed; false when the link must end (cut, or the proxy closed). */
    boolean mayPass() {
        lock.lock();
        try {
            while (mode == Mode.BLACKHOLE && !closed) {
                changed.awaitUninterruptibly();
            }
            return mode == Mode.PASS && !closed;
        } finally {
            lock.unlock();
        }
    }

    void ended(Link link) {
        links.remove(link);
    }

    private void acceptOn(ServerSocket server) {
        Thread.ofVirtual().name("fault-proxy-accept-" + port).start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    forward(client);
                } catch (IOException e) {
                    return; // the listener was closed by cut() or close()
                }
            }
        });
    }

    private void forward(Socket client) {
        try {
            Socket upstream = new Socket();
            upstream.connect(target, 5_000);
            Link link = new Link(this, client, upstream);
            links.add(link);
            link.start();
        } catch (IOException e) {
            Link.resetQuietly(client);
        }
    }

    private ServerSocket relisten() {
        IOException last = null;
        for (int tries = 0; tries < 50; tries++) {
            try {
                return listen(port);
            } catch (IOException e) {
                last = e;
                Thread.onSpinWait();
            }
        }
        throw new UncheckedIOException("could not listen on port " + port + " again after the cut", last);
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return server;
    }

    private void closeListener() {
        lock.lock();
        try {
            listening.close();
        } catch (IOException e) {
            // closing a listener that is gone already changes nothing
        } finally {
            lock.unlock();
        }
    }

    /** Resets every connection and stops listening. Idempotent. */
    @Override
    public void close() {
        closed = true;
        setMode(Mode.CUT);
        closeListener();
        links.forEach(Link::reset);
    }

    @Override
    public String toString() {
        return "fault proxy 127.0.0.1:" + port + " -> " + target + " (" + mode + ")";
    }
}
