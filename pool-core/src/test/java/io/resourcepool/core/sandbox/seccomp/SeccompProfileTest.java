package io.resourcepool.core.sandbox.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resourcepool.api.SandboxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeccompProfileTest {
    static final String NO_LIBSECCOMP = "libseccomp.so.2 cannot be loaded here; apt-get install libseccomp2 to run this test";

    @TempDir
    Path directory;

    @Test
    void standardProfileDeniesWhatDockersDefaultDenies() {
        SeccompProfile standard = SeccompProfile.standard();

        assertThat(standard.deniedSyscalls()).contains("ptrace", "process_vm_readv", "process_vm_writev", "mount", "umount2",
                "pivot_root", "chroot", "bpf", "perf_event_open", "kexec_load", "kexec_file_load", "init_module", "finit_module",
                "delete_module", "keyctl", "add_key", "request_key", "userfaultfd", "reboot", "swapon", "swapoff", "acct",
                "settimeofday", "clock_settime", "clock_adjtime", "adjtimex", "syslog", "open_by_handle_at", "name_to_handle_at",
                "lookup_dcookie", "quotactl", "setns", "unshare", "iopl", "ioperm", "vhangup", "nfsservctl", "fanotify_init",
                "move_mount", "open_tree", "fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr")
                .doesNotContain("clone", "clone3", "fork", "execve", "seccomp").doesNotHaveDuplicates();
        assertThat(standard.absentSyscalls()).containsExactly("clone3");
        assertThat(standard.namespaceCloneFlags()).isEqualTo(0x7E020000L);
    }

    @Test
    void anArchitectureWithoutAFilterIsRefusedWithTheReason() {
        SeccompProfile riscv = SeccompProfile.standard().forArchitecture("riscv64");
        Path file = directory.resolve("filter.bpf");

        assertThat(riscv.unavailableReason())
                .contains("seccomp filter: architecture riscv64 is not supported; jobs would run without one");
        assertThat(riscv.description()).startsWith("seccomp: none (seccomp filter: architecture riscv64 is not supported");
        assertThatThrownBy(() -> riscv.compileTo(file)).isInstanceOf(SandboxException.class)
                .hasMessage("seccomp filter: architecture riscv64 is not supported; jobs would run without one");
        assertThat(file).doesNotExist();
    }

    @Test
    void compiledProgramIsWholeInstructionsReadableByTheOwnerOnly() throws Exception {
        assumeTrue(SeccompProfile.standard().unavailableReason().isEmpty(), NO_LIBSECCOMP);

        Path file = SeccompProfile.standard().compileTo(directory.resolve("filter.bpf"));

        assertThat(file).isEqualTo(directory.resolve("filter.bpf"));
        assertThat(Files.size(file)).isPositive();
        assertThat(Files.size(file) % 8).as("a whole number of struct sock_filter").isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(directory.toFile().list()).as("no partial file left behind").containsExactly("filter.bpf");
    }

    @Test
    void compiledProgramChecksTheI386EntryPointBesideTheNativeOne() throws Exception {
        assumeTrue(SeccompProfile.standard().unavailableReason().isEmpty(), NO_LIBSECCOMP);
        assumeTrue("amd64".equals(System.getProperty("os.arch")), "the i386 entry point is an x86_64 matter");

        byte[] program = Files.readAllBytes(SeccompProfile.standard().compileTo(directory.resolve("filter.bpf")));

        // the filter compares seccomp_data.arch with AUDIT_ARCH_X86_64 and AUDIT_ARCH_I386, and has rules for each
        assertThat(comparedConstants(program)).contains(0xC000003EL, 0x40000003L);
    }

    /** The constants of the program's {@code BPF_JMP | BPF_JEQ | BPF_K} instructions. */
    private static List<Long> comparedConstants(byte[] program) {
        ByteBuffer instructions = ByteBuffer.wrap(program).order(ByteOrder.nativeOrder());
        List<Long> constants = new ArrayList<>();
        while (instructions.remaining() >= 8) {
            short code = instructions.getShort();
            instructions.getShort();
            int constant = instructions.getInt();
            if (code == 0x15) {
                constants.add(Integer.toUnsignedLong(constant));
            }
        }
        return constants;
    }

    @Test
    void compilingAgainReplacesTheFileWithTheNewProgram() throws Exception {
        assumeTrue(SeccompProfile.standard().unavailableReason().isEmpty(), NO_LIBSECCOMP);
        Path file = directory.resolve("filter.bpf");
        Files.writeString(file, "not a program");
        SeccompProfile small = new SeccompProfile(List.of("ptrace"), 0, List.of(), System.getProperty("os.arch"));

        small.compileTo(file);
        long smallSize = Files.size(file);
        SeccompProfile.standard().compileTo(file);

        assertThat(smallSize % 8).isZero();
        assertThat(Files.size(file)).as("more rules, a longer program").isGreaterThan(smallSize);
    }

    @Test
    void namesLibseccompDoesNotKnowAreSkippedNotErrors() throws Exception {
        assumeTrue(SeccompProfile.standard().unavailableReason().isEmpty(), NO_LIBSECCOMP);
        SeccompProfile withUnknown = new SeccompProfile(List.of("ptrace", "no_such_call_anywhere"), 0, List.of(),
                System.getProperty("os.arch"));

        Path file = withUnknown.compileTo(directory.resolve("filter.bpf"));

        assertThat(Files.size(file)).isPositive();
        assertThat(withUnknown.description()).startsWith("seccomp: default filter (1 system calls denied");
    }

    @Test
    void descriptionCountsTheDeniedCallsLibseccompKnows() {
        assumeTrue(SeccompProfile.standard().unavailableReason().isEmpty(), NO_LIBSECCOMP);

        assertThat(SeccompProfile.standard().description()).matches(
                "seccomp: default filter \\(\\d+ system calls denied, and clone into new namespaces; clone3 reported absent\\)");
    }

    @Test
    void aMissingLibraryIsAReasonNotACrash() {
        SeccompLibrary.Outcome missing = SeccompLibrary.load("libseccomp-absent.so.99");

        assertThat(missing.seccomp()).isEmpty();
        assertThat(missing.failure()).startsWith("libseccomp not found (Debian: apt-get install libseccomp2): ")
                .contains("libseccomp-absent.so.99");
    }

    @Test
    void profileRefusesWhatIsNotASystemCallName() {
        assertThatThrownBy(() -> new SeccompProfile(List.of("ptrace; reboot"), 0, List.of(), "amd64"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deniedSyscalls");
        assertThatThrownBy(() -> new SeccompProfile(List.of(), 0, List.of(), " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("architecture");
    }
}
