package io.resourcepool.launcher.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * How the agent cancels a forwarded command whose client went away (Ctrl-C, or a closed terminal): it interrupts the
 * command's thread and closes the connections to the hub the command opened, as the end of the command's own process
 * would have. A client command registers each connection it opens with {@link #closeOnCancel}; outside the agent
 * that does nothing.
 */
public final class RequestCancellation {
    private static final ThreadLocal<RequestCancellation> CURRENT = new ThreadLocal<>();

    private final Thread thread;
    private final List<AutoCloseable> open = new ArrayList<>();
    private boolean cancelled;
    private boolean finished;

    RequestCancellation(Thread thread) {
        this.thread = thread;
    }

    /**
     * Closes the resource if the command running on this thread is cancelled.
     *
     * @param resource a connection the command opened
     */
    public static void closeOnCancel(AutoCloseable resource) {
        RequestCancellation current = CURRENT.get();
        if (current != null) {
            current.add(resource);
        }
    }

    /** Runs the command on this thread, which {@link #cancel} then interrupts. */
    int run(IntSupplier command) {
        CURRENT.set(this);
        try {
            return command.getAsInt();
        } finally {
            CURRENT.remove();
            synchronized (this) {
                finished = true;
                open.clear();
            }
            Thread.interrupted(); // the pooled thread serves the next command uninterrupted
        }
    }

    private synchronized void add(AutoCloseable resource) {
        if (cancelled) {
            closeQuietly(resource);
        } else {
            open.add(resource);
        }
    }

    /** Interrupts the command and closes what it opened; nothing once it has ended (its thread may serve another). */
    synchronized void cancel() {
        if (finished) {
            return;
        }
        cancelled = true;
        thread.interrupt();
        open.forEach(RequestCancellation::closeQuietly);
        open.clear();
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            // the command fails on its own closed connection; nothing more to tell the client, which has gone
        }
    }
}
