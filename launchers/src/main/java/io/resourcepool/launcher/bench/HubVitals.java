package io.resourcepool.launcher.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The heap a JVM uses after a full collection ({@code jcmd PID GC.run}, then {@code GC.heap_info}) and the file
 * descriptors it holds open ({@code /proc/PID/fd}).
 *
 * @param heapBytes heap in use after a full collection
 * @param openFiles open file descriptors
 */
record HubVitals(long heapBytes, long openFiles) {
    private static final Pattern USED = Pattern.compile("total .*?used (\\d+)K");

    HubVitals {
        if (heapBytes < 0 || openFiles < 0) {
            throw new IllegalArgumentException("heap and open files are 0 or more, were " + heapBytes + " and " + openFiles);
        }
    }

    /**
     * Measures a running JVM of this machine.
     *
     * @param pid its process id
     * @return what it holds
     */
    static HubVitals of(long pid) {
        String jcmd = PoolJvm.jdkTool("jcmd").toString();
        Signals.run(List.of(jcmd, Long.toString(pid), "GC.run"));
        long heap = heapUsed(Signals.run(List.of(jcmd, Long.toString(pid), "GC.heap_info")));
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return new HubVitals(heap, fds.count());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the open files of process " + pid, e);
        }
    }

    /**
     * The heap in use according to {@code jcmd GC.heap_info}: the sum of what each generation (or the G1 heap) uses,
     * without metaspace.
     *
     * @param heapInfo what {@code GC.heap_info} printed
     * @return bytes
     */
    static long heapUsed(String heapInfo) {
        long kib = 0;
        boolean found = false;
        for (String line : heapInfo.lines().toList()) {
            Matcher m = USED.matcher(line);
            if (!line.contains("Metaspace") && !line.contains("class space") && m.find()) {
                kib += Long.parseLong(m.group(1));
                found = true;
            }
        }
        if (!found) {
            throw new IllegalStateException("jcmd GC.heap_info printed no heap figures: " + heapInfo.strip());
        }
        return kib * 1024;
    }

    /**
     * Whether these figures, taken after the load, are back to a baseline: heap within {@code 1.5 x baseline + 32 MiB}
     * (a restarted hub warms other caches; what matters is that it did not keep what the load brought) and open files
     * within {@code baseline + 10% + 20}.
     *
     * @param baseline the figures before the load
     * @return whether both are back
     */
    boolean backTo(HubVitals baseline) {
        return heapBytes <= baseline.heapBytes * 3 / 2 + (32L << 20) && openFiles <= baseline.openFiles * 11 / 10 + 20;
    }

    /** "heap 42.1 MiB, 310 open files". */
    String describe() {
        return String.format(java.util.Locale.ROOT, "heap %.1f MiB, %d open files", heapBytes / 1048576.0, openFiles);
    }
}
