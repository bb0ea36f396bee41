package io.resourcepool.core.sandbox;

import io.resourcepool.api.SandboxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a process inside cgroup v1 cgroups without a helper program. Cgroup v1 places threads, not only processes
 * (each hierarchy's {@code tasks} file), and a new process starts in the cgroups of the thread that forked it. So the
 * starting thread moves itself into the job's cgroup in every hierarchy, starts the process (the JDK forks it from
 * the calling thread), and moves itself back: the process is inside from its first instruction, before any program
 * runs, and no {@code /bin/sh} is needed to enter.
 *
 * <p>Only a platform thread may do this: a virtual thread can change carrier between the move and the fork, so a
 * virtual caller hands the start to a platform thread of this class and waits. Jobs started at the same time by
 * different threads do not meet: each thread moves only itself. A thread the start makes meanwhile (the JDK's
 * process reaper) is born inside too, and is moved back before the start returns. The memory the worker's threads
 * allocate meanwhile is still charged to the worker (cgroup v1 charges a process's memory to the cgroup of its
 * thread-group leader).
 */
final class ThreadCgroups {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadCgroups.class);
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    private static final Path OWN_THREADS = Path.of("/proc/self/task");
    private static final ExecutorService PLATFORM = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("cgroup-start-", 1).factory());

    private ThreadCgroups() {
    }

    /** What to do once the process has started, while the starting thread is still inside: set a limit that counts it. */
    interface Started {
        void settle() throws IOException;
    }

    /**
     * Starts a process inside the given cgroups.
     *
     * @param builder what to start
     * @param inside the job's cgroup directory in each hierarchy
     * @param home the directory in each hierarchy the starting thread goes back to (the worker's own cgroup)
     * @param started run right after the start, before the thread leaves
     * @return the started process
     * @throws IOException when the process cannot be started or the thread cannot enter the cgroups
     */
    static Process start(ProcessBuilder builder, Collection<Path> inside, Collection<Path> home, Started started) throws IOException {
        if (!Thread.currentThread().isVirtual()) {
            return startHere(builder, inside, home, started);
        }
        Future<Process> onPlatform = PLATFORM.submit(() -> startHere(builder, inside, home, started));
        try {
            return onPlatform.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("starting a process in its cgroup failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // the start may still happen: the caller releases the cgroup, which kills whatever it holds
            throw new SandboxException("interrupted while starting a process in its cgroup", e);
        }
    }

    private static Process startHere(ProcessBuilder builder, Collection<Path> inside, Collection<Path> home, Started started)
            throws IOException {
        String thread = Files.readSymbolicLink(THREAD_SELF).getFileName().toString();
        Process process = null;
        try {
            move(thread, inside);
            process = builder.start();
            bringBackWorkerThreads(thread, inside, home);
            started.settle();
            return process;
        } catch (IOException | RuntimeException e) {
            if (process != null) {
                process.destroyForcibly();
            }
            throw e;
        } finally {
            leave(thread, home, process);
        }
    }

    /**
     * Moves back every other thread of the worker that was born inside: a thread inherits the cgroups of the thread
     * that made it, and {@code ProcessBuilder.start()} may make one (the JDK's process reaper, when none is idle),
     * which would otherwise stay in the job's cgroup, keep it from being removed, and count against its limits.
     */
    private static void bringBackWorkerThreads(String starter, Collection<Path> inside, Collection<Path> home) throws IOException {
        Path anyHierarchy = inside.iterator().next();
        for (String task : Files.readAllLines(anyHierarchy.resolve("tasks"))) {
            String tid = task.strip();
            if (!tid.isEmpty() && !tid.equals(starter) && Files.exists(OWN_THREADS.resolve(tid))) {
                move(tid, home);
            }
        }
    }

    private static void move(String thread, Collection<Path> directories) throws IOException {
        for (Path directory : directories) {
            Files.writeString(directory.resolve("tasks"), thread);
        }
    }

    private static void leave(String thread, Collection<Path> home, Process process) {
        try {
            move(thread, home);
        } catch (IOException e) {
            // never seen with a root worker; a thread left inside would start the next job there, so say it loudly
            LOG.error("thread {} could not leave a job's cgroup for {}: {}", thread, home, e.getMessage());
            if (process != null) {
                process.destroyForcibly();
            }
            throw new UncheckedIOException("the starting thread could not leave the job's cgroup", e);
        }
    }

    /**
     * Says whether a process id is the worker's own: while a thread of the worker is inside a job's cgroup, the
     * worker's pid is listed in it, and must never be killed with the job.
     */
    static boolean isWorker(long pid) {
        return pid == ProcessHandle.current().pid();
    }
}
