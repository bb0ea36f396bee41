package io.resourcepool.core.sandbox.seccomp;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;
import io.resourcepool.api.SandboxException;
import io.resourcepool.core.sandbox.seccomp.LibSeccomp.ArgumentComparison;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;

/**
 * Turns a {@link SeccompProfile} into a classic BPF program through libseccomp, and writes it to a file. The
 * filter is built and exported, never loaded into the worker.
 */
final class SeccompCompiler {
    private static final int EPERM = 1;
    private static final int ENOSYS = 38;
    /** The size of one {@code struct sock_filter}: a program is a whole number of them. */
    static final int INSTRUCTION_BYTES = 8;

    private final LibSeccomp seccomp;
    private final LibC libc;

    SeccompCompiler(LibSeccomp seccomp, LibC libc) {
        this.seccomp = seccomp;
        this.libc = libc;
    }

    /**
     * Writes the profile's program to {@code file}, replacing it at once (never a half-written file), readable
     * and writable by the owner only.
     */
    void compile(SeccompProfile profile, FilterArchitecture architecture, Path file) {
        if (seccomp.seccomp_arch_native() != architecture.nativeToken()) {
            throw new SandboxException(String.format("seccomp filter: libseccomp's native architecture (0x%08x) is not the JVM's (%s);"
                    + " jobs would run without one", seccomp.seccomp_arch_native(), profile.architecture()));
        }
        Pointer context = seccomp.seccomp_init(LibSeccomp.ACT_ALLOW);
        if (context == null) {
            throw new SandboxException("seccomp filter: libseccomp could not make a filter (out of memory?); jobs would run without one");
        }
        try {
            addForeignEntryPoints(context, architecture);
            profile.deniedSyscalls().forEach(name -> add(context, name, LibSeccomp.actErrno(EPERM), new ArgumentComparison[0]));
            denyNamespacesThroughClone(context, profile.namespaceCloneFlags());
            profile.absentSyscalls().forEach(name -> add(context, name, LibSeccomp.actErrno(ENOSYS), new ArgumentComparison[0]));
            export(context, file);
        } finally {
            seccomp.seccomp_release(context);
        }
    }

    /**
     * The names libseccomp knows, on this architecture or on one of its foreign entry points; the others are
     * skipped, not errors, as a newer system call is unknown to an older libseccomp.
     */
    List<String> knownNames(List<String> names) {
        return names.stream().filter(name -> seccomp.seccomp_syscall_resolve_name(name) != LibSeccomp.UNKNOWN_SYSCALL).toList();
    }

    private void addForeignEntryPoints(Pointer context, FilterArchitecture architecture) {
        for (int token : architecture.foreignTokens()) {
            // the result is not checked: an entry point that cannot be added stays out of the filter, and
            // libseccomp's default for a foreign architecture kills whoever calls through it
            seccomp.seccomp_arch_add(context, token);
        }
    }

    private void denyNamespacesThroughClone(Pointer context, long flags) {
        // one rule per flag: with allow as the default, "any of these bits" needs one masked comparison each
        for (long bit = 1; bit != 0; bit <<= 1) {
            if ((flags & bit) != 0) {
                add(context, "clone", LibSeccomp.actErrno(EPERM), ArgumentComparison.hasAllBits(0, bit));
            }
        }
    }

    private void add(Pointer context, String name, int action, ArgumentComparison[] comparisons) {
        int syscall = seccomp.seccomp_syscall_resolve_name(name);
        if (syscall == LibSeccomp.UNKNOWN_SYSCALL) {
            return;
        }
        int result = seccomp.seccomp_rule_add_array(context, action, syscall, comparisons.length,
                comparisons.length == 0 ? null : comparisons);
        // a negative number is a call this architecture lacks but an entry point may have: a rule there, or none
        if (result < 0 && syscall >= 0) {
            throw new SandboxException("seccomp filter: libseccomp refused the rule for " + name + " (error " + -result
                    + "); jobs would run without a filter");
        }
    }

    private void export(Pointer context, Path file) {
        Path partial = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".partial");
        try {
            writeProgram(context, partial);
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            long size = Files.size(partial);
            if (size == 0 || size % INSTRUCTION_BYTES != 0) {
                throw new SandboxException("seccomp filter: libseccomp wrote " + size + " bytes, not a BPF program; jobs would run without one");
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new SandboxException("seccomp filter: cannot write " + file + ": " + e.getMessage() + "; jobs would run without one", e);
        } finally {
            deleteQuietly(partial);
        }
    }

    private void writeProgram(Pointer context, Path partial) {
        int fd;
        try {
            fd = libc.open(partial.toString(), LibC.CREATE_NEW_FOR_WRITING, 0600);
        } catch (LastErrorException e) {
            throw new SandboxException("seccomp filter: cannot create " + partial + " (errno " + e.getErrorCode() + "); jobs would run without one", e);
        }
        int result;
        try {
            result = seccomp.seccomp_export_bpf(context, fd);
        } finally {
            libc.close(fd);
        }
        if (result < 0) {
            throw new SandboxException("seccomp filter: libseccomp could not export the program (error " + -result + "); jobs would run without one");
        }
    }

    private static void deleteQuietly(Path partial) {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            // left behind only when the directory itself has become unwritable; the real file is unaffected
        }
    }
}
