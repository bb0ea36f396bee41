package io.resourcepool.launcher.bench;

import io.resourcepool.core.client.PoolClient;
import io.resourcepool.launcher.demo.ScratchDirectory;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pool bench connections}: opens many concurrent TLS 1.3 connections to one hub, each completing the
 * protocol handshake (HELLO → CHALLENGE), and reports the handshake latency and the heap each idle connection
 * costs.
 */
@Command(name = "connections", mixinStandardHelpOptions = true,
        description = "Open N concurrent TLS connections to one hub; report handshake p50/p99 and heap per idle connection.")
public final class ConnectionBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-n", "--count"}, defaultValue = "5000", description = "connections to hold open (default ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--in-flight", defaultValue = "32", description = "handshakes under way at once (default ${DEFAULT-VALUE})")
    int inFlight;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (ScratchDirectory dir = ScratchDirectory.create("resourcepool-bench-");
             BenchPool pool = new BenchPool(dir.path(), 0, 10, false, admitAll())) {
            long baseline = settledHeap();
            ConcurrentLinkedQueue<PoolClient> open = new ConcurrentLinkedQueue<>();
            Latencies handshakes = new Latencies();
            AtomicInteger failures = new AtomicInteger();
            long started = System.nanoTime();
            connectAll(pool, open, handshakes, failures);
            double seconds = (System.nanoTime() - started) / 1e9;
            long held = settledHeap();
            out.printf(Locale.ROOT, "connections bench: %d TLS 1.3 connections to one hub on loopback, client and hub in one JVM (%d cores, Java %s)%n",
                    count, Runtime.getRuntime().availableProcessors(), Runtime.version());
            out.println("handshake (TCP + TLS 1.3 + HELLO/CHALLENGE)  " + handshakes.summary());
            out.printf(Locale.ROOT, "connected %d in %.1f s (%.0f handshakes/s), %d failed%n", open.size(), seconds, open.size() / seconds, failures.get());
            out.printf(Locale.ROOT, "heap held while idle: %.1f MiB in all, %.1f KiB per connection (both ends: hub and client are in this JVM)%n",
                    (held - baseline) / 1048576.0, (held - baseline) / 1024.0 / Math.max(1, open.size()));
            out.flush();
            open.forEach(PoolClient::close);
        }
        return 0;
    }

    /**
     * The connections measured here never log in and all come from loopback, so the hub is told to hold every
     * one of them for the whole run instead of refusing them as strangers.
     */
    private Map<String, String> admitAll() {
        String all = Integer.toString(Math.max(1, count));
        return Map.of("hub.max-startups", all, "hub.per-source-max-startups", all, "hub.login-grace-time", "1h");
    }

    private void connectAll(BenchPool pool, ConcurrentLinkedQueue<PoolClient> open, Latencies handshakes, AtomicInteger failures)
            throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        List<Thread> threads = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            slots.acquire();
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    long start = System.nanoTime();
                    open.add(pool.client());
                    handshakes.record(System.nanoTime() - start);
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                } finally {
                    slots.release();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static long settledHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
