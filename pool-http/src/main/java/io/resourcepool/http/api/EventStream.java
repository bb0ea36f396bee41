package io.resourcepool.http.api;

import io.resourcepool.http.server.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;

/**
 * An open Server-Sent Events stream on a response: {@code event:} and {@code data:} lines, each event's data one
 * line of JSON. Writes block until the bytes are on their way, so a slow reader slows its own stream and nothing
 * else; a reader that has gone away makes the next write fail. A comment goes out whenever the stream has been
 * silent for the heartbeat interval, so that the connection's idle timeout and proxies leave a quiet job's stream
 * open, and so that a reader that has gone away is noticed.
 */
final class EventStream implements AutoCloseable {
    /** The media type of the stream. */
    static final String MEDIA_TYPE = "text/event-stream;charset=utf-8";

    private final Response response;
    private final Duration heartbeat;
    private final ReentrantLock writing = new ReentrantLock();
    private volatile long lastWrite = System.nanoTime();
    private volatile boolean closed;
    private volatile Runnable whenGone = () -> {};
    private Thread beating;

    private EventStream(Response response, Duration heartbeat) {
        this.response = response;
        this.heartbeat = heartbeat;
    }

    /**
     * Sends the headers and a first comment, and starts the heartbeat.
     *
     * @param response the response, not yet committed
     * @param heartbeat the longest silence
     * @return the stream
     */
    static EventStream open(Response response, Duration heartbeat) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, MEDIA_TYPE);
        response.getHeaders().put("X-Accel-Buffering", "no");
        EventStream stream = new EventStream(response, heartbeat);
        stream.write(": stream open\n\n");
        stream.beating = Thread.ofVirtual().name("http-event-heartbeat").start(stream::beat);
        return stream;
    }

    /**
     * Sends one event.
     *
     * @param event its name, for example {@code output}
     * @param data what it carries, written as one line of JSON
     * @throws UncheckedIOException when the reader has gone away
     */
    void send(String event, Object data) {
        write("event: " + event + "\ndata: " + new String(Json.write(data), StandardCharsets.UTF_8) + "\n\n");
    }

    /**
     * Says what to do when the heartbeat finds the reader gone, such as letting go of what feeds the stream.
     *
     * @param action run once, on the heartbeat's thread
     */
    void whenGone(Runnable action) {
        this.whenGone = action;
    }

    private void write(String text) {
        writing.lock();
        try (Blocker.Callback done = Blocker.callback()) {
            response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), done);
            done.block();
            lastWrite = System.nanoTime();
        } catch (IOException e) {
            throw new UncheckedIOException("the event stream's reader has gone away", e);
        } finally {
            writing.unlock();
        }
    }

    private void beat() {
        while (!closed) {
            long silentFor = System.nanoTime() - lastWrite;
            long wait = heartbeat.toNanos() - silentFor;
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            try {
                write(": keep-alive\n\n");
            } catch (UncheckedIOException e) {
                whenGone.run();
                return;
            }
        }
    }

    /** Stops the heartbeat; the response is ended by whoever opened the stream. */
    @Override
    public void close() {
        closed = true;
        if (beating != null) {
            LockSupport.unpark(beating);
        }
    }
}
