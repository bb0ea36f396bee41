package io.resourcepool.launcher;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CPU time of this whole process (every thread, user and system): wall time misleads on a busy machine. */
public final class ProcessCpu {
    /** The kernel's clock tick of {@code /proc/<pid>/stat}: {@code USER_HZ}, 100 on Linux whatever the kernel's own rate. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessCpu() {
    }

    /**
     * The CPU time this process has used so far.
     *
     * @return nanoseconds
     */
    public static long nanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * The CPU time of this process and of every process it started: those it has reaped, and those still running
     * with what they have reaped (a root worker's launch helper, which starts the jobs). To a clock tick of 10 ms for
     * the processes other than this one.
     *
     * @return nanoseconds
     */
    public static long nanosWithChildren() {
        long ticks = stat(ProcessHandle.current().pid(), false);
        ticks += ProcessHandle.current().children().mapToLong(child -> stat(child.pid(), true)).sum();
        return nanos() + ticks * NANOS_PER_TICK;
    }

    /** The ticks of a process's reaped children, and with {@code own} its own as well; 0 for one that has ended. */
    private static long stat(long pid, boolean own) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // after the command's name, which may hold spaces: state is field 3, utime 14, stime 15, cutime 16, cstime 17
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long children = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            return own ? children + Long.parseLong(fields[11]) + Long.parseLong(fields[12]) : children;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
