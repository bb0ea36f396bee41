package io.resourcepool.core.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launch helper of this JVM ({@link LaunchHelper}), shared by every sandbox in it: started on first use, and
 * started again when it has ended, so that one lost helper costs the jobs it was running their exit value, and no
 * later job anything.
 */
final class LaunchHelpers {
    private static final Logger LOG = LoggerFactory.getLogger(LaunchHelpers.class);
    private static final Object FINDING = new Object();
    private static Optional<LaunchHelpers> shared;
    private static String problem;

    private final Path program;
    private LaunchHelper current;

    private LaunchHelpers(Path program, LaunchHelper first) {
        this.program = program;
        this.current = first;
    }

    /**
     * The JVM's launch helper, started the first time it is asked for.
     *
     * @return the helper, or empty when none can run here ({@link #problem()} says why)
     */
    static Optional<LaunchHelpers> shared() {
        synchronized (FINDING) {
            if (shared == null) {
                try {
                    Path program = LaunchHelperProgram.install(LaunchHelperProgram.directory(UnixAccounts.effectiveUid(),
                            Optional.ofNullable(System.getenv("XDG_RUNTIME_DIR")), Path.of(System.getProperty("java.io.tmpdir"))));
                    shared = Optional.of(new LaunchHelpers(program, LaunchHelper.start(program)));
                } catch (IOException e) {
                    problem = e.getMessage();
                    LOG.warn("no launch helper: {}; jobs start through the JDK (and a root worker's through setpriv), one program start"
                            + " more", problem);
                    shared = Optional.empty();
                }
            }
            return shared;
        }
    }

    /**
     * Why there is no launch helper, when there is none.
     *
     * @return the reason, or empty
     */
    static Optional<String> problem() {
        synchronized (FINDING) {
            return Optional.ofNullable(problem);
        }
    }

    /**
     * Starts a process as a job's uid through the helper.
     *
     * @param builder the process
     * @param uid the job's uid and gid
     * @param cgroupFiles the cgroups it joins first
     * @return the process
     * @throws IOException when it cannot be started, or no helper can be started again
     */
    Process start(ProcessBuilder builder, OptionalInt uid, List<Path> cgroupFiles) throws IOException {
        return helper().start(builder, uid, cgroupFiles);
    }

    /**
     * A launcher that starts processes as one uid.
     *
     * @param uid the job's uid and gid
     * @return the launcher
     */
    ProcessLauncher as(int uid) {
        return launcher(OptionalInt.of(uid));
    }

    /**
     * A launcher that starts processes as the worker's own user, as the JDK would: the shared identity of a worker that
     * is not root.
     *
     * @return the launcher
     */
    ProcessLauncher asWorker() {
        return launcher(OptionalInt.empty());
    }

    private ProcessLauncher launcher(OptionalInt uid) {
        return new ProcessLauncher() {
            @Override
            public Process start(ProcessBuilder builder, List<Path> cgroupFiles) throws IOException {
                return LaunchHelpers.this.start(builder, uid, cgroupFiles);
            }

            @Override
            public boolean entersCgroups() {
                return true;
            }
        };
    }

    private synchronized LaunchHelper helper() throws IOException {
        if (!current.alive()) {
            LOG.warn("the launch helper (pid {}) has ended; starting another", current.process().pid());
            current = LaunchHelper.start(program);
        }
        return current;
    }

    /** The running helper, for tests. */
    synchronized LaunchHelper current() {
        return current;
    }
}
