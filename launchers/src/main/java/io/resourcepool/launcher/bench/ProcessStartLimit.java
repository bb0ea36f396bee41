package io.resourcepool.launcher.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The machine's own limit for a benchmark of commands, measured in the same run: a bare
 * {@code ProcessBuilder("/bin/true")} from this JVM, one at a time and from several threads at once. A job cannot
 * start faster than this, so the pool's figures are read beside it: this machine's speed drifts from day to day,
 * the ratio does not.
 */
final class ProcessStartLimit {
    /** The threads the JVM's spawn ceiling is measured with, as many as the benches' default clients. */
    static final int THREADS = 16;
    private static final ProcessBuilder TRUE = new ProcessBuilder("/bin/true");

    private ProcessStartLimit() {}

    /** Serial starts of {@code /bin/true}, each waited for. */
    static Latencies serial(int count) {
        Latencies latencies = new Latencies();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            runTrue();
            latencies.record(System.nanoTime() - start);
        }
        return latencies;
    }

    /**
     * Starts of {@code /bin/true} per second from {@code threads} threads at once, over {@code length}. Platform
     * threads, as the worker's sandboxes start jobs on: a process start holds its thread in native code, so on
     * virtual threads sixteen of them held every carrier for the whole window, and the pool measured next had its
     * heartbeats stalled past the node timeout (its workers went offline and came back before the first figure).
     */
    static double perSecond(int threads, Duration length) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long started = System.nanoTime();
        long deadline = started + length.toNanos();
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            running.add(Thread.ofPlatform().daemon().name("bench-true-", i).start(() -> {
                while (System.nanoTime() < deadline) {
                    runTrue();
                    done.incrementAndGet();
                }
            }));
        }
        for (Thread thread : running) {
            thread.join();
        }
        return done.get() / ((System.nanoTime() - started) / 1e9);
    }

    private static void runTrue() {
        try {
            TRUE.start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start /bin/true", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while timing /bin/true", e);
        }
    }
}
