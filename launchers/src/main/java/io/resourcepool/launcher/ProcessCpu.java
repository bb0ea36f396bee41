package io.resourcepool.launcher;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/** The CPU time of this whole process (every thread, user and system): wall time misleads on a busy machine. */
public final class ProcessCpu {
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
}
