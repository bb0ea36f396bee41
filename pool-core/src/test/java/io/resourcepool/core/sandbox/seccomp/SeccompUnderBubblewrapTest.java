package io.resourcepool.core.sandbox.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default filter handed to bubblewrap as the integrator will: {@code bwrap --seccomp 0} with the compiled
 * file as bwrap's standard input. Each denial is checked against the same call without the filter, so that a
 * filter that denied nothing would fail these tests.
 */
class SeccompUnderBubblewrapTest {
    private static final Path BWRAP = Path.of("/usr/bin/bwrap");
    private static final Path PERL = Path.of("/usr/bin/perl");
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    /** Calls {@code syscall(NR, args...)} with numeric arguments and prints {@code ok} or the error number. */
    private static final String PERL_SYSCALL = "use POSIX (); my @a = map { $_ + 0 } @ARGV; my $r = syscall($a[0], @a[1 .. $#a]);"
            + " POSIX::_exit(0) if $r == 0 && $ARGV[0] == 56; print $r == -1 ? 'errno ' . ($! + 0) : 'ok', qq{\\n}";
    private static final String EPERM = "errno 1";

    @TempDir
    static Path directory;
    static Path filter;

    @BeforeAll
    static void compileTheFilter() {
        assumeTrue(Files.isExecutable(BWRAP), "bubblewrap is not installed; apt-get install bubblewrap to run these tests");
        assumeTrue(SeccompProfile.standard().unavailableReason().isEmpty(), SeccompProfileTest.NO_LIBSECCOMP);
        filter = SeccompProfile.standard().compileTo(directory.resolve("jobs.bpf"));
    }

    @Test
    void ordinaryCommandsRunUnderTheFilter() throws Exception {
        String hostname = Files.readString(Path.of("/etc/hostname")).strip();

        assertThat(run(true, "true").exitCode()).isZero();
        Result shell = run(true, "sh", "-c", "echo ok; ls /; cat /etc/hostname");
        assertThat(shell.exitCode()).as(shell.output()).isZero();
        assertThat(shell.output()).startsWith("ok\n").contains("usr\n", hostname);
    }

    @Test
    void aUserNamespaceIsRefusedWhereItIsOtherwiseAllowed() throws Exception {
        assertThat(run(false, "unshare", "-U", "true").exitCode()).as("without the filter").isZero();

        Result filtered = run(true, "unshare", "-U", "true");
        assertThat(filtered.exitCode()).isNotZero();
        assertThat(filtered.output()).contains("Operation not permitted");
    }

    @Test
    void tracingIsRefused() throws Exception {
        assumeX86_64WithPerl();
        // PTRACE_ATTACH to its own child, which any process may do; the child is killed at once
        String attach = "my $pid = fork(); if ($pid == 0) { sleep 30; exit 0 } my $r = syscall(101, 16, $pid, 0, 0);"
                + " kill 9, $pid; waitpid $pid, 0; print $r == -1 ? 'errno ' . ($! + 0) : 'ok'";

        assertThat(run(false, "perl", "-e", attach).output()).as("without the filter").isEqualTo("ok");
        assertThat(run(true, "perl", "-e", attach).output()).isEqualTo(EPERM);
    }

    @Test
    void mountingIsRefused() throws Exception {
        assumeX86_64WithPerl();
        assumeTrue(new ProcessBuilder("id", "-u").start().inputReader().readLine().equals("0"),
                "bwrap keeps the capabilities to mount only when started by root; run the tests as root");
        assertThat(run(false, "mount", "-t", "tmpfs", "none", "/mnt").exitCode()).as("without the filter").isZero();

        assertThat(run(true, "mount", "-t", "tmpfs", "none", "/mnt").exitCode()).isNotZero();
        assertThat(run(true, "perl", "-e", "my @s = ('none', '/mnt', 'tmpfs'); syscall(165, @s, 0, 0) == -1 and print $! + 0").output())
                .isEqualTo("1");
    }

    @Test
    void keysBpfAndPerfEventsAreRefused() throws Exception {
        assumeX86_64WithPerl();
        // keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 1), bpf(-1, NULL, 0), perf_event_open(NULL, ...)
        List<String> calls = List.of("250 0 -3 1", "321 -1 0 0", "298 0 0 -1 -1 0");

        for (String call : calls) {
            assertThat(perlSyscall(false, call)).as("%s without the filter", call).isNotEqualTo(EPERM);
            assertThat(perlSyscall(true, call)).as(call).isEqualTo(EPERM);
        }
    }

    @Test
    void cloneIntoANewNamespaceIsRefusedWhileAPlainCloneWorks() throws Exception {
        assumeX86_64WithPerl();
        String plainClone = "56 17 0 0 0 0";
        String cloneNewUser = "56 " + (0x10000000 | 17) + " 0 0 0 0";

        assertThat(perlSyscall(true, plainClone)).isEqualTo("ok");
        assertThat(perlSyscall(false, cloneNewUser)).as("without the filter").isEqualTo("ok");
        assertThat(perlSyscall(true, cloneNewUser)).isEqualTo(EPERM);
    }

    @Test
    void clone3IsReportedAbsentSoThatTheCLibraryFallsBackToClone() throws Exception {
        assumeX86_64WithPerl();

        assertThat(perlSyscall(false, "435 0 0")).as("without the filter").isNotEqualTo("errno 38");
        assertThat(perlSyscall(true, "435 0 0")).isEqualTo("errno 38");
    }

    @Test
    void the32BitEntryPointMeetsTheSameDenials() throws Exception {
        assumeTrue("amd64".equals(System.getProperty("os.arch")), "this test calls the i386 entry point of x86_64");
        assumeTrue(Files.isExecutable(PYTHON), "Debian's python3 is missing; apt-get install python3");
        // push rbx; mov eax, 26 (i386 ptrace); xor ebx/ecx/edx (PTRACE_TRACEME); int 0x80; pop rbx; ret
        String script = "import ctypes, mmap\n"
                + "m = mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)\n"
                + "m.write(bytes.fromhex('53b81a00000031db31c931d2cd805bc3'))\n"
                + "print(ctypes.CFUNCTYPE(ctypes.c_int)(ctypes.addressof(ctypes.c_char.from_buffer(m)))())\n";

        assumeTrue(run(false, PYTHON.toString(), "-c", script).output().equals("0"),
                "this kernel offers no i386 entry point (CONFIG_IA32_EMULATION, or ia32_emulation=false)");
        Result filtered = run(true, PYTHON.toString(), "-c", script);
        assertThat(filtered.output()).as("-EPERM, not a kill for a foreign architecture").isEqualTo("-1");
    }

    @Test
    void bwrapClosesTheStandardInputItReadTheFilterFrom() throws Exception {
        String inputOf = "readlink /proc/self/fd/0 || echo closed";

        assertThat(run(true, "sh", "-c", inputOf).output()).isEqualTo("closed");
        assertThat(run(true, BubblewrapSeccomp.withNullInput(List.of("sh", "-c", inputOf)).toArray(String[]::new)).output())
                .isEqualTo("/dev/null");
    }

    private static void assumeX86_64WithPerl() {
        assumeTrue("amd64".equals(System.getProperty("os.arch")), "these calls use x86_64 system call numbers");
        assumeTrue(Files.isExecutable(PERL), "perl is missing; apt-get install perl-base");
    }

    private static String perlSyscall(boolean filtered, String call) throws Exception {
        List<String> command = new ArrayList<>(List.of("perl", "-e", PERL_SYSCALL));
        command.addAll(List.of(call.split(" ")));
        return run(filtered, command.toArray(String[]::new)).output();
    }

    private record Result(int exitCode, String output) {}

    private static Result run(boolean filtered, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(BWRAP.toString(), "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
                "--tmpfs", "/mnt", "--unshare-pid", "--die-with-parent"));
        if (filtered) {
            line.addAll(BubblewrapSeccomp.OPTIONS);
        }
        line.add("--");
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectInput(filtered ? filter.toFile() : new File("/dev/null")).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("bwrap ended").isTrue();
        return new Result(process.exitValue(), output.strip());
    }
}
