package io.resourcepool.api.spi.sandbox;

/** One kind of protection a sandbox may really give a command. */
public enum IsolationFeature {
    /** The rest of the file system is read-only or hidden; only the work directory is writable. */
    FILESYSTEM,
    /** No network unless the job asks for it. */
    NETWORK,
    /** Its own process namespace: it cannot see the worker's processes. */
    PROCESS_NAMESPACE,
    /** Its memory is capped by the kernel. */
    MEMORY_LIMIT,
    /** Its CPU time is capped by the kernel. */
    CPU_TIME_LIMIT,
    /** Its number of processes is capped by the kernel. */
    PROCESS_LIMIT,
    /** Its CPU use is capped by the kernel at the processors it asked for. */
    CPU_SHARE,
    /**
     * Every process it starts is killed with it, on timeout, cancel and when its main process ends, also one that
     * left its process group or was re-parented (a PID namespace or a per-job cgroup).
     */
    WHOLE_TREE_KILL,
    /** It runs as an unprivileged user, never as root. */
    UNPRIVILEGED_USER,
    /**
     * System calls that reach past the sandbox or into the kernel ({@code ptrace}, {@code mount}, {@code bpf}, new
     * namespaces, kernel keys and modules, …) are refused by a seccomp filter.
     */
    SYSCALL_FILTER,
    /**
     * It runs under an identity of its own: not the worker's (so it cannot read the worker's key or other files
     * only the worker may read) and not another job's (so it cannot read, write or signal another job's work).
     */
    SEPARATE_IDENTITY,
    /** What it writes to its work directory and {@code /tmp} is capped by the kernel, so it cannot fill the node's disk. */
    DISK_LIMIT
}
