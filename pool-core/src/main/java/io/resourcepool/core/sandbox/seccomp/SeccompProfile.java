package io.resourcepool.core.sandbox.seccomp;

import io.resourcepool.api.SandboxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A system-call filter for jobs: every call is allowed except those listed, which fail with {@code EPERM}
 * without running; {@code clone} fails the same way when asked for a new namespace; and the calls in
 * {@code absentSyscalls} fail with {@code ENOSYS}, as if the kernel lacked them.
 *
 * <p>{@link #standard()} follows Docker's default profile for a container without capabilities: no tracing of
 * other processes, no mounts or namespaces, no kernel modules, keys, BPF, perf events, io_uring, clock setting
 * or reboot. {@code clone3} is reported absent, as Docker does, because its flags sit in memory a filter cannot
 * read: the C library then falls back to {@code clone}, whose flags the filter checks.
 *
 * <p>The program is compiled by libseccomp ({@code libseccomp.so.2}) through JNA, once, into a file that
 * bubblewrap reads for every job ({@code bwrap --seccomp FD}). A host without libseccomp, or of an architecture
 * other than x86_64 and aarch64, gets no filter: {@link #unavailableReason()} says why and {@link #compileTo}
 * refuses with that reason.
 *
 * @param deniedSyscalls names of the calls that fail with {@code EPERM}; names libseccomp does not know are skipped
 * @param namespaceCloneFlags the {@code CLONE_NEW*} bits for which {@code clone} fails with {@code EPERM}
 * @param absentSyscalls names of the calls that fail with {@code ENOSYS}
 * @param architecture the architecture as Java names it ({@code os.arch}): the filter's native one
 */
public record SeccompProfile(List<String> deniedSyscalls, long namespaceCloneFlags, List<String> absentSyscalls, String architecture) {
    /** {@code CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET}. */
    public static final long NEW_NAMESPACE_FLAGS = 0x00020000L | 0x02000000L | 0x04000000L | 0x08000000L | 0x10000000L
            | 0x20000000L | 0x40000000L;

    /** Validates and copies. */
    public SeccompProfile {
        deniedSyscalls = names(deniedSyscalls, "deniedSyscalls");
        absentSyscalls = names(absentSyscalls, "absentSyscalls");
        Objects.requireNonNull(architecture, "architecture must be given");
        if (architecture.isBlank()) {
            throw new IllegalArgumentException("architecture must not be blank");
        }
    }

    /**
     * The default filter, for the JVM's architecture.
     *
     * @return the profile
     */
    public static SeccompProfile standard() {
        return new SeccompProfile(StandardDenials.EPERM, NEW_NAMESPACE_FLAGS, List.of("clone3"), System.getProperty("os.arch"));
    }

    /**
     * The same rules for another architecture.
     *
     * @param otherArchitecture the architecture as Java names it
     * @return the profile
     */
    public SeccompProfile forArchitecture(String otherArchitecture) {
        return new SeccompProfile(deniedSyscalls, namespaceCloneFlags, absentSyscalls, otherArchitecture);
    }

    /**
     * Why no filter can be made here: an architecture without one, or no libseccomp. Loads libseccomp on the
     * first call.
     *
     * @return the reason, a sentence ending in what it means for jobs, or empty when a filter can be made
     */
    public Optional<String> unavailableReason() {
        if (FilterArchitecture.of(architecture).isEmpty()) {
            return Optional.of("seccomp filter: architecture " + architecture + " is not supported; jobs would run without one");
        }
        return SeccompLibrary.unavailableReason().map(reason -> "seccomp filter: " + reason + "; jobs would run without one");
    }

    /**
     * What the filter does, for a sandbox's isolation description.
     *
     * @return {@code "seccomp: default filter (N system calls denied, ...)"}, or why there is none
     */
    public String description() {
        Optional<String> unavailable = unavailableReason();
        if (unavailable.isPresent()) {
            return "seccomp: none (" + unavailable.get() + ")";
        }
        SeccompCompiler compiler = new SeccompCompiler(SeccompLibrary.seccomp().orElseThrow(), SeccompLibrary.libc().orElseThrow());
        return "seccomp: default filter (" + compiler.knownNames(deniedSyscalls).size() + " system calls denied, and clone"
                + " into new namespaces; " + String.join(", ", compiler.knownNames(absentSyscalls)) + " reported absent)";
    }

    /**
     * Compiles the filter into {@code file}, replacing it at once, with mode 0600: do it once and hand the file
     * to every job's {@code bwrap --seccomp 0} as standard input.
     *
     * @param file where the program goes; its directory must exist, and should be writable only by the worker
     * @return {@code file}
     * @throws SandboxException when the filter cannot be made here ({@link #unavailableReason()}) or written
     */
    public Path compileTo(Path file) {
        Objects.requireNonNull(file, "file must be given");
        unavailableReason().ifPresent(reason -> {
            throw new SandboxException(reason);
        });
        FilterArchitecture filterArchitecture = FilterArchitecture.of(architecture).orElseThrow();
        new SeccompCompiler(SeccompLibrary.seccomp().orElseThrow(), SeccompLibrary.libc().orElseThrow())
                .compile(this, filterArchitecture, file.toAbsolutePath());
        return file;
    }

    private static List<String> names(List<String> names, String field) {
        Objects.requireNonNull(names, field + " must be given");
        if (names.stream().anyMatch(name -> name == null || !name.matches("[a-z_][a-z0-9_]*"))) {
            throw new IllegalArgumentException(field + " must hold system call names, such as ptrace: " + names);
        }
        return List.copyOf(names);
    }
}
