package io.resourcepool.core.sandbox.seccomp;

import java.util.List;

/**
 * The system calls {@link SeccompProfile#standard()} denies with {@code EPERM}, grouped by why. Modelled on
 * Docker's default profile, which refuses these to a container without capabilities. Calls that exist only on
 * a foreign entry point (i386: {@code umount}, {@code stime}, {@code vm86}, the 64-bit-time variants) are
 * listed too, so that 32-bit programs meet the same denials.
 */
final class StandardDenials {
    static final List<String> EPERM = List.of(
            // another process's memory and registers
            "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "process_madvise", "pidfd_getfd",
            // mounts, root changes and namespaces: the container's shape is bubblewrap's, not the job's
            "mount", "umount", "umount2", "pivot_root", "chroot", "move_mount", "open_tree", "fsopen", "fsconfig", "fsmount",
            "fspick", "mount_setattr", "setns", "unshare",
            // the kernel itself: modules, kexec, BPF, perf, io_uring, keys, userfaultfd
            "init_module", "finit_module", "delete_module", "create_module", "get_kernel_syms", "query_module", "kexec_load",
            "kexec_file_load", "bpf", "perf_event_open", "io_uring_setup", "io_uring_enter", "io_uring_register", "keyctl",
            "add_key", "request_key", "userfaultfd", "lookup_dcookie", "nfsservctl", "uselib", "_sysctl",
            // the machine: clocks, swap, accounting, reboot, the kernel log, quotas, ports, the terminal
            "reboot", "swapon", "swapoff", "acct", "settimeofday", "stime", "clock_settime", "clock_settime64", "clock_adjtime",
            "clock_adjtime64", "adjtimex", "syslog", "quotactl", "quotactl_fd", "iopl", "ioperm", "vm86", "vm86old", "vhangup",
            // files by handle bypass the path walk (the "shocker" escape); fanotify watches the whole mount
            "open_by_handle_at", "name_to_handle_at", "fanotify_init");

    private StandardDenials() {}
}
