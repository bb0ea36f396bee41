package io.resourcepool.core.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How a job's process is started: by the JDK ({@link #JDK}), or by a root worker's {@link LaunchHelper}, which also
 * puts it under the job's uid and into its cgroups before its program runs.
 */
interface ProcessLauncher {
    /** {@code ProcessBuilder.start()}: the process runs as the worker, in the cgroups of the thread that starts it. */
    ProcessLauncher JDK = new ProcessLauncher() {
        @Override
        public Process start(ProcessBuilder builder, List<Path> cgroupFiles) throws IOException {
            if (!cgroupFiles.isEmpty()) {
                throw new IllegalArgumentException("the JDK's start enters no cgroup: " + cgroupFiles);
            }
            return builder.start();
        }

        @Override
        public boolean entersCgroups() {
            return false;
        }
    };

    /**
     * Starts the process.
     *
     * @param builder its command line, environment, directory and standard input
     * @param cgroupFiles the {@code cgroup.procs} file of each cgroup it joins before its program runs; empty unless
     *     {@link #entersCgroups()}
     * @return the started process
     * @throws IOException when it cannot be started
     */
    Process start(ProcessBuilder builder, List<Path> cgroupFiles) throws IOException;

    /**
     * Says whether this launcher puts the process into cgroups itself, so that no shell and no thread of the worker
     * has to enter them.
     *
     * @return true for the launch helper
     */
    boolean entersCgroups();
}
