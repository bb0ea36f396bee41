package io.resourcepool.core.probe;

/**
 * Turns the system's cumulative CPU tick counters into the fraction of all processors busy since the last
 * reading. The first reading has nothing to compare with, so it takes the one-minute load average per
 * processor instead. Not thread-safe: the probe calls it under its own lock.
 */
final class CpuLoadMeter {
    /** Positions of idle time in OSHI's tick array (USER, NICE, SYSTEM, IDLE, IOWAIT, IRQ, SOFTIRQ, STEAL). */
    private static final int IDLE = 3;
    private static final int IOWAIT = 4;

    private long[] previous;
    private double last;

    /**
     * Takes a reading.
     *
     * @param ticks the cumulative tick counters now
     * @param loadAverage the one-minute load average, negative when the system does not say
     * @param cpus the number of logical processors
     * @return the load, from 0.0 to 1.0
     */
    double next(long[] ticks, double loadAverage, int cpus) {
        if (previous == null || previous.length != ticks.length) {
            previous = ticks.clone();
            last = loadAverage < 0 || cpus <= 0 ? 0.0 : clamp(loadAverage / cpus);
            return last;
        }
        long total = 0;
        long idle = 0;
        for (int i = 0; i < ticks.length; i++) {
            long delta = Math.max(0, ticks[i] - previous[i]);
            total += delta;
            if (i == IDLE || i == IOWAIT) {
                idle += delta;
            }
        }
        if (total > 0) {
            // two readings within one tick tell nothing new: keep the last figure rather than report 0
            last = clamp((double) (total - idle) / total);
            previous = ticks.clone();
        }
        return last;
    }

    private static double clamp(double load) {
        return Double.isNaN(load) ? 0.0 : Math.max(0.0, Math.min(1.0, load));
    }
}
