/**
 * The default sandbox, type {@code process}: a plain child process with a wall-time limit, an output cap, a
 * clean environment and, when the worker runs as root, an unprivileged user.
 *
 * <p>What it does not do, and says so in {@link io.resourcepool.api.spi.sandbox.Sandbox#isolation()}: no
 * namespaces, no file-system or network containment. Use it only on machines you trust; the bubblewrap sandbox
 * closes these gaps.
 *
 * <p>Both sandboxes hold a job to its limits ({@link io.resourcepool.api.spi.sandbox.SandboxLimits}) in the
 * strongest way the worker is allowed: a cgroup per job, v2 or v1 ({@link io.resourcepool.core.sandbox.JobCgroups})
 * for memory (its total), processes, CPU share and the kill of every process, where the worker may make one;
 * util-linux {@code prlimit} ({@link io.resourcepool.core.sandbox.KernelLimits}) for CPU time, and for memory
 * (address space per process) and processes (counted per user) when there is no cgroup. Each declares in its
 * isolation which applies.
 *
 * <p>The second sandbox, type {@code bubblewrap} ({@link io.resourcepool.core.sandbox.BubblewrapSandbox}), runs
 * the same machinery (uid per job, output reading, cap, timeout) around {@code bwrap}: only the system's
 * directories read-only, a writable work directory, a private {@code /tmp}, its own user and PID namespaces and,
 * unless allowed, no network.
 *
 * <p>Without a cgroup, killing the process tree (timeout and cancel) finds the tree through parent links
 * ({@link java.lang.ProcessHandle#descendants()}), snapshotted just before the kill. That finds a process
 * that called {@code setsid} as long as its parent still lives, but not one whose parent has already exited
 * (a double-forked daemon: it was re-parented to init), nor one forked in the instant between the snapshot
 * and the kill. Such a process survives. A PID namespace (bubblewrap), a per-job cgroup or a uid per job (a root
 * worker) closes this gap.
 *
 * <p>Likewise a process that the command leaves running when its main process exits is not waited for: its
 * output is heard for at most a short grace period after that exit (the JDK closes its end of the pipes when
 * the main process exits, unless a read is under way), and the run then completes without it, so that such a
 * process cannot hold a run open forever.
 *
 * <p>Starting processes is the cost of a command's round trip. Each run adds two output readers, taken from
 * a cached pool of platform threads, and no polling: the exit is observed through
 * {@link java.lang.Process#onExit()} and the wall-time limit through the JDK's shared delay scheduler. The
 * readers are platform threads on purpose: a virtual thread blocked reading a pipe holds a carrier thread, so
 * a few hundred running jobs would starve every other virtual thread of the worker. The launcher may start
 * the JVM with {@code -Djdk.lang.Process.launchMechanism=VFORK}, which makes process starts cheaper where the
 * JDK still offers it (JDK 25 deprecates it and prints a warning at start). Under a root worker the job's program
 * is the only program started: the worker's launch helper ({@link io.resourcepool.core.sandbox.LaunchHelper}, a
 * small C program it keeps running) forks it, puts it in its cgroups (v1 or v2) and under its uid, and executes it.
 * Where no helper can run, each command costs one more {@code exec}, of {@code setpriv}: on cgroup v1 the job
 * enters its cgroup as it is forked ({@link io.resourcepool.core.sandbox.ThreadCgroups}), not through a shell,
 * {@code env} runs only when the job itself sets one of the loader's unsafe variables, and on cgroup v2 a
 * {@code /bin/sh} enters the cgroup. A CPU-time limit still puts {@code prlimit} before the program.
 */
package io.resourcepool.core.sandbox;
