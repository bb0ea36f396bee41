package io.resourcepool.launcher.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load, as wrk2 offers it: requests at a fixed rate whatever the server does, each with the time it was
 * due, and its latency counted from that time rather than from when it was sent. A closed loop (send, wait, send)
 * slows down with a slow server and so hides its stalls (coordinated omission); here a stall shows in the latency of
 * every request that was due during it. The rate is spread over the connections: connection {@code c} sends requests
 * {@code c}, {@code c + n}, {@code c + 2n}… of the schedule, the k-th of all due {@code k / rate} seconds after the start.
 *
 * @param perSecond the rate offered, requests per second over all connections
 * @param length how long requests are due for: exactly {@code perSecond × length} are sent, however long they take
 */
record OpenLoop(double perSecond, Duration length) {

    /** One connection's way of sending a request and waiting for its answer. */
    @FunctionalInterface
    interface Sender {
        /**
         * Sends one request and waits for its answer.
         *
         * @return true when it was answered as expected
         * @throws IOException when the connection failed
         * @throws InterruptedException when interrupted
         */
        boolean send() throws IOException, InterruptedException;
    }

    /** What the load measured: latencies from each request's due time, and the rate actually achieved. */
    record Result(Latencies latencies, long ok, long failed, double perSecond, double offered) {
    }

    OpenLoop {
        if (!(perSecond > 0) || length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("an open-loop load needs a positive rate and length, not " + perSecond + "/s for " + length);
        }
    }

    /**
     * When a connection's k-th request is due.
     *
     * @param connection the connection, from 0
     * @param k the request's number on that connection, from 0
     * @param connections how many connections share the rate
     * @return nanoseconds after the start
     */
    long dueNanos(int connection, long k, int connections) {
        return (long) ((connection + k * (double) connections) * 1e9 / perSecond);
    }

    /**
     * Offers the load, one virtual thread a connection, and waits for every answer.
     *
     * @param connections each connection's sender
     * @return the latencies from due times and the achieved rate
     * @throws InterruptedException when interrupted
     */
    Result run(List<Sender> connections) throws InterruptedException {
        Answers answers = new Answers();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections.size(); c++) {
            int connection = c;
            Sender sender = connections.get(c);
            threads.add(Thread.ofVirtual().start(() -> {
                for (long k = 0; ; k++) {
                    long due = dueNanos(connection, k, connections.size());
                    if (due >= length.toNanos()) {
                        return;
                    }
                    long wait = start + due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    if (!answers.take(sender, start + due)) {
                        return;
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(answers.latencies, answers.ok(), answers.failed(), answers.ok() / elapsed, perSecond);
    }
}
