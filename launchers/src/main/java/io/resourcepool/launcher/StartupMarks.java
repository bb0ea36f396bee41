package io.resourcepool.launcher;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Time marks through one command's life, for profiling a short command's start (README, "How fast is one
 * command"): with {@code -Dpool.startup.marks=true} the command prints, on standard error when it ends, each mark's
 * time since the JVM started and since the previous mark. Without the property a mark costs one field read, and
 * nothing is printed. With it, each mark also records the process's CPU time, which a busy machine disturbs less
 * than wall time; that loads {@code java.lang.management} at the first mark, whose own cost (some 30 ms) the second
 * mark's interval then carries.
 */
public final class StartupMarks {
    /** The system property that turns the marks on. */
    public static final String PROPERTY = "pool.startup.marks";

    private static final boolean ON = Boolean.getBoolean(PROPERTY);
    private static final List<Mark> MARKS = new ArrayList<>();

    private record Mark(String name, long nanos, long wallMillis, long cpuNanos) {}

    private StartupMarks() {}

    /**
     * Records that the command reached this point.
     *
     * @param name what was done just before, such as {@code "connected"}
     */
    public static void mark(String name) {
        if (ON) {
            synchronized (MARKS) {
                MARKS.add(new Mark(name, System.nanoTime(), System.currentTimeMillis(), ProcessCpu.nanos()));
            }
        }
    }

    /**
     * Prints the marks, when they are on.
     *
     * @param out where to print them
     */
    public static void print(PrintStream out) {
        if (!ON) {
            return;
        }
        mark("done");
        long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        synchronized (MARKS) {
            Mark first = MARKS.getFirst();
            Mark previous = first;
            out.printf(Locale.ROOT, "startup mark %-22s %6d ms since JVM start, CPU %4d ms%n", first.name(), first.wallMillis() - jvmStart,
                    first.cpuNanos() / 1_000_000);
            for (Mark m : MARKS.subList(1, MARKS.size())) {
                out.printf(Locale.ROOT, "startup mark %-22s %6d ms since JVM start, +%4d ms, CPU +%4d ms%n", m.name(),
                        first.wallMillis() - jvmStart + (m.nanos() - first.nanos()) / 1_000_000, (m.nanos() - previous.nanos()) / 1_000_000,
                        (m.cpuNanos() - previous.cpuNanos()) / 1_000_000);
                previous = m;
            }
        }
    }
}
