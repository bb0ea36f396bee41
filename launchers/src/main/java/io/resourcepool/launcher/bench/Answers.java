package io.resourcepool.launcher.bench;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/** What a load's requests got: each one's latency, and how many were answered as expected and how many not. Thread-safe. */
final class Answers {
    final Latencies latencies = new Latencies();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /**
     * Sends one request and counts its answer, its latency counted from the given time.
     *
     * @param sender how to send it
     * @param fromNanos when its latency starts ({@link System#nanoTime()}): when it was sent, or when it was due
     * @return false when the thread was interrupted and should stop
     */
    boolean take(OpenLoop.Sender sender, long fromNanos) {
        try {
            boolean answered = sender.send();
            latencies.record(System.nanoTime() - fromNanos);
            (answered ? ok : failed).incrementAndGet();
        } catch (IOException e) {
            failed.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    long ok() {
        return ok.get();
    }

    long failed() {
        return failed.get();
    }
}
