package io.resourcepool.http.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request arrives too slowly: once a request (its header, then its body) has been
 * arriving for longer than the grace, it must have come at the minimum rate or more, or the connection is
 * closed. This is what stops a slowloris, which sends a header a byte every few seconds: the idle timeout
 * restarts at every byte, so it alone would keep such a connection for ever.
 *
 * <p>Only requests are held to a rate, never answers: a live output stream may be quiet for long (it sends a
 * heartbeat well inside the idle timeout), and a connection idle between requests is the idle timeout's.
 * Jetty 12's own minimum request rate applies to bodies read by a handler, not to headers, hence this.
 *
 * <p>Added to a connector with {@code addEventListener}, it hears of every HTTP connection opened there and looks
 * at them once a second on the connector's scheduler, from its start to its stop.
 */
final class SlowRequestGuard extends AbstractLifeCycle implements Connection.Listener {
    private static final Logger log = LoggerFactory.getLogger(SlowRequestGuard.class);
    private static final long TICK_MILLIS = 1000;

    private final long minBytesPerSecond;
    private final long graceNanos;
    private final Scheduler scheduler;
    private final Map<HttpConnection, Arrival> connections = new ConcurrentHashMap<>();
    private volatile Scheduler.Task next;

    /** Where a request stood when it was first seen arriving. */
    private record Arrival(long startNanos, long startBytes) {}

    /** No request arriving (yet, or any more). */
    private static final Arrival NONE = new Arrival(0, -1);

    SlowRequestGuard(long minBytesPerSecond, Duration grace, Scheduler scheduler) {
        this.minBytesPerSecond = minBytesPerSecond;
        this.graceNanos = grace.toNanos();
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            connections.put(http, NONE);
        }
    }

    @Override
    public void onClosed(Connection connection) {
        connections.remove(connection);
    }

    @Override
    protected void doStart() {
        next = scheduler.schedule(this::tick, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        Scheduler.Task pending = next;
        if (pending != null) {
            pending.cancel();
        }
        connections.clear();
    }

    private void tick() {
        long now = NanoTime.now();
        try {
            connections.replaceAll((connection, arrival) -> check(connection, arrival, now));
        } catch (RuntimeException e) {
            log.warn("checking the HTTP connections' request rates failed; will try again", e);
        } finally {
            if (isRunning()) {
                next = scheduler.schedule(this::tick, TICK_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    private Arrival check(HttpConnection connection, Arrival arrival, long now) {
        if (!receivingRequest(connection.getParser())) {
            return NONE;
        }
        long bytes = connection.getBytesIn();
        if (arrival == NONE) {
            return new Arrival(now, bytes);
        }
        long elapsed = now - arrival.startNanos();
        long received = bytes - arrival.startBytes();
        if (elapsed >= graceNanos && received * 1_000_000_000L < minBytesPerSecond * elapsed) {
            log.debug("closing the HTTP connection from {}: {} bytes of a request in {} ms, under {} bytes/s",
                    connection.getEndPoint().getRemoteSocketAddress(), received, elapsed / 1_000_000, minBytesPerSecond);
            connection.getEndPoint().close();
            return NONE;
        }
        return arrival;
    }

    /** A request's header has begun and not ended, or its body is still coming. */
    private static boolean receivingRequest(HttpParser parser) {
        HttpParser.State state = parser.getState();
        boolean inHeader = state.ordinal() > HttpParser.State.START.ordinal() && state.ordinal() <= HttpParser.State.HEADER.ordinal();
        return inHeader || parser.inContentState();
    }
}
