package io.resourcepool.launcher.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * What the fleet bench measures of the hub process, and the figures made from it: heap per worker (the hub's heap
 * after a full collection with the fleet connected, less the same before the fleet, divided by the workers
 * registered) and CPU per heartbeat (the hub's CPU time over a quiet window divided by the heartbeats it received in
 * that window).
 *
 * @param workers workers registered and connected
 * @param heapBefore the hub's heap after a full collection before the fleet, bytes
 * @param heapWithFleet the same with the fleet connected, bytes
 * @param cpu the hub process's CPU time (user and system) over the window
 * @param heartbeats heartbeats the hub received over the window
 * @param window the window's length
 */
record FleetFigures(int workers, long heapBefore, long heapWithFleet, Duration cpu, long heartbeats, Duration window) {
    /** The aim for a hub's heap per connected worker. */
    static final double HEAP_AIM_KIB = 24;

    FleetFigures {
        if (workers < 0 || heapBefore < 0 || heapWithFleet < 0 || cpu.isNegative() || heartbeats < 0 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("fleet figures must not be negative and the window must be longer than zero");
        }
    }

    /** The hub's heap per worker, KiB; NaN without workers. */
    double heapPerWorkerKiB() {
        return workers == 0 ? Double.NaN : (heapWithFleet - heapBefore) / 1024.0 / workers;
    }

    /** The hub's CPU time per heartbeat received, microseconds; NaN without heartbeats. */
    double cpuPerHeartbeatMicros() {
        return heartbeats == 0 ? Double.NaN : cpu.toNanos() / 1e3 / heartbeats;
    }

    /** Heartbeats received per second over the window. */
    double heartbeatsPerSecond() {
        return heartbeats / seconds(window);
    }

    /** The share of one core the hub used over the window: 0.25 is a quarter of a core. */
    double coresBusy() {
        return seconds(cpu) / seconds(window);
    }

    /** The report's lines about the hub: heap, then CPU. */
    String heapLine() {
        return String.format(Locale.ROOT, "hub heap after a full collection: %.1f MiB before the fleet, %.1f MiB with %d workers: %.1f KiB per worker (aim: at most %.0f KiB)",
                heapBefore / 1048576.0, heapWithFleet / 1048576.0, workers, heapPerWorkerKiB(), HEAP_AIM_KIB);
    }

    /** The CPU line. */
    String cpuLine() {
        return String.format(Locale.ROOT, "hub CPU over %.0f s without clients: %.2f s for %d heartbeats received (%.0f/s): %.0f µs per heartbeat, %.0f%% of one core",
                seconds(window), seconds(cpu), heartbeats, heartbeatsPerSecond(), cpuPerHeartbeatMicros(), coresBusy() * 100);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
