package io.resourcepool.launcher.bench;

import java.time.Duration;
import java.util.List;

/** Waits for a bench's threads to finish what they are doing, for a limited time in all, and interrupts the rest. */
final class PatientJoin {
    private PatientJoin() {}

    /**
     * Joins each thread while the patience lasts; a thread still running when it is spent is interrupted.
     *
     * @param threads the threads
     * @param patience how long to wait for all of them together
     * @throws InterruptedException when the waiting thread is interrupted
     */
    static void joinAll(List<Thread> threads, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                t.interrupt();
            }
        }
    }
}
