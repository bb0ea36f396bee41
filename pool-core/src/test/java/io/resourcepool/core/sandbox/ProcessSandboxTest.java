package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resourcepool.api.SandboxException;
import io.resourcepool.api.spi.sandbox.ExitStatus;
import io.resourcepool.api.spi.sandbox.IsolationFeature;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import io.resourcepool.api.spi.sandbox.SandboxProcess;
import io.resourcepool.api.spi.sandbox.SandboxRequest;
import io.resourcepool.api.spi.sandbox.Termination;
import io.resourcepool.testkit.sandbox.RecordingOutputSink;
import io.resourcepool.testkit.sandbox.SandboxContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessSandboxTest extends SandboxContract {
    private static final boolean ROOT = UnixAccounts.effectiveUid() == 0;

    @Override
    protected Sandbox newSandbox() {
        return new ProcessSandbox();
    }

    @Test
    void isolationSaysPlainlyThatThereIsNone() {
        assertThat(sandbox.isolation().description()).contains("plain process: no namespaces, no file-system or network containment");
        if (!ROOT) {
            assertThat(sandbox.isolation().description()).startsWith("shared identity: jobs run as the worker's own user");
            assertThat(sandbox.isolation().features()).doesNotContain(IsolationFeature.SEPARATE_IDENTITY);
        }
        assertThat(sandbox.isolation().features()).doesNotContain(IsolationFeature.FILESYSTEM, IsolationFeature.NETWORK,
                IsolationFeature.PROCESS_NAMESPACE);
    }

    @Test
    void kernelLimitsAreDeclaredWhenPrlimitExists() {
        assumeTrue(KernelLimits.PRLIMIT.stream().anyMatch(Files::isExecutable), "prlimit is not installed");

        assertThat(sandbox.isolation().features()).contains(IsolationFeature.MEMORY_LIMIT, IsolationFeature.CPU_TIME_LIMIT,
                IsolationFeature.PROCESS_LIMIT);
        assertThat(sandbox.isolation().description()).contains("prlimit");
    }

    @Test
    void withoutPrlimitNoKernelLimitIsClaimedAndALimitedJobIsRefused() {
        ProcessSandbox without = new ProcessSandbox(JobUidRange.DEFAULT_RANGE, List.of(workDirectory.resolve("no-prlimit")),
                new JobLimitSettings(java.util.Optional.empty(), 0));
        SandboxLimits limited = new SandboxLimits(Duration.ofSeconds(30), Duration.ZERO, 64 << 20, 0, 1 << 20);

        assertThat(without.isolation().features()).doesNotContain(IsolationFeature.MEMORY_LIMIT, IsolationFeature.CPU_TIME_LIMIT,
                IsolationFeature.PROCESS_LIMIT);
        assertThatThrownBy(() -> without.start(new SandboxRequest(List.of("true"), environment(), workDirectory, limited),
                new RecordingOutputSink())).isInstanceOf(SandboxException.class).hasMessageContaining("util-linux");
    }

    @Test
    void rootWorkerRunsJobsAsAnotherUser() throws Exception {
        assumeTrue(ROOT, "only a root worker drops privileges");

        Run run = run(List.of("id", "-u"));

        assertThat(run.status().exitCode()).isZero();
        assertThat(JobUidRange.DEFAULT_RANGE.contains(Integer.parseInt(run.output().stdout().strip()))).isTrue();
        assertThat(sandbox.isolation().features()).contains(IsolationFeature.UNPRIVILEGED_USER, IsolationFeature.SEPARATE_IDENTITY);
        assertThat(sandbox.isolation().description()).contains("each job runs under a uid and gid of its own from 61184-65519");
    }

    @Test
    void aRootWorkersPrivilegeDropNeverSeesTheJobsEnvironment() throws Exception {
        assumeTrue(ROOT, "only a root worker drops privileges");
        // the dynamic loader complains once for every program started with an unloadable LD_PRELOAD: if setpriv
        // (still root) saw the job's environment, the complaint would come twice
        Run run = run(List.of("true"), java.util.Map.of("LD_PRELOAD", "/nonexistent/inject.so", "PATH", "/usr/bin:/bin"), limits());

        assertThat(run.status().exitCode()).isZero();
        assertThat(run.output().stderr().split("LD_PRELOAD", -1)).hasSize(2);
    }

    @Test
    void rootWorkerDropsSupplementaryGroupsAndPrivileges() throws Exception {
        assumeTrue(ROOT, "only a root worker drops privileges");

        Run run = run(List.of("sh", "-c", "id -G; grep -E '^(CapEff|NoNewPrivs)' /proc/self/status"));

        List<String> lines = run.output().stdout().lines().toList();
        assertThat(lines.get(0).split(" ")).doesNotContain("0");
        assertThat(lines).contains("CapEff:\t0000000000000000", "NoNewPrivs:\t1");
    }

    @Test
    void jobsTakeTheirUidAndGidFromTheConfiguredRange() throws Exception {
        assumeTrue(ROOT, "only a root worker gives jobs uids of their own");
        sandbox = new ProcessSandbox(new JobUidRange(4242, 4242), JobLimitSettings.DEFAULT);

        Run run = run(List.of("id", "-u"));

        assertThat(run.output().stdout()).isEqualTo("4242\n");
        assertThat(run(List.of("id", "-g")).output().stdout()).isEqualTo("4242\n");
    }

    @Test
    void aFullRangeRefusesTheNextJobAndSaysWhichSettingToWiden() throws Exception {
        assumeTrue(ROOT, "only a root worker gives jobs uids of their own");
        sandbox = new ProcessSandbox(new JobUidRange(4243, 4243), JobLimitSettings.DEFAULT);
        String marker = sleepMarker();
        SandboxProcess first = start(List.of("sleep", marker), environment(), limits(), new RecordingOutputSink());
        try {
            assertThatThrownBy(() -> run(List.of("true"))).isInstanceOf(SandboxException.class).hasMessageContaining("worker.job-uids");
        } finally {
            first.cancel();
            await(first);
        }
        assertThat(run(List.of("id", "-u")).output().stdout()).as("the uid is given back when its job ends").isEqualTo("4243\n");
    }

    @Test
    void missingProgramThrowsNamingIt() {
        assertThatThrownBy(() -> start(List.of("nosuchprog"), environment(), limits(), new RecordingOutputSink()))
                .isInstanceOf(SandboxException.class)
                .hasMessageStartingWith("cannot start 'nosuchprog': No such file or directory");
    }

    @Test
    void programIsLookedUpInTheJobsPathNotTheWorkers() throws Exception {
        Path bin = Files.createDirectory(workDirectory.resolve("bin"));
        Path tool = bin.resolve("pool-tool");
        Files.writeString(tool, "#!/bin/sh\necho \"from the job's PATH\"\n");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));

        Run run = run(List.of("pool-tool"), Map.of("PATH", bin + ":" + PATH), limits());

        assertThat(run.output().stdout()).as("%s, stderr: %s", run.status(), run.output().stderr()).isEqualTo("from the job's PATH\n");
        assertThatThrownBy(() -> run(List.of("pool-tool"))).isInstanceOf(SandboxException.class);
    }

    @Test
    void missingWorkDirectoryIsRefused() {
        assertThatThrownBy(() -> sandbox.start(new io.resourcepool.api.spi.sandbox.SandboxRequest(List.of("true"), environment(),
                workDirectory.resolve("absent"), limits()), new RecordingOutputSink()))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void defaultPathAndAPrivateTmpdirAreGivenWhenTheJobHasNone() throws Exception {
        Run run = run(List.of("env"), Map.of("ONLY", "this"), limits());

        // a per-job cgroup is entered through sh, which sets PWD to where it started
        assertThat(run.output().stdout().lines().filter(line -> !line.startsWith("PWD=")).sorted().toList())
                .containsExactly("ONLY=this", "PATH=" + ProcessSandbox.DEFAULT_PATH, "TMPDIR=" + workDirectory.resolve(".tmp").toAbsolutePath());
        assertThat(java.nio.file.Files.getPosixFilePermissions(workDirectory.resolve(".tmp")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void timeoutReportsTheLimitAndTheKillSignal() throws Exception {
        Run run = run(List.of("sleep", sleepMarker()), environment(), SandboxLimits.of(Duration.ofSeconds(1), 1024));

        assertThat(run.status()).isEqualTo(new ExitStatus(Termination.TIMED_OUT, 128 + 9, false, "timed out after 1s"));
    }

    @Test
    void cancelReportsTheKillSignal() throws Exception {
        RecordingOutputSink output = new RecordingOutputSink();
        SandboxProcess process = start(List.of("sleep", sleepMarker()), environment(), limits(), output);

        process.cancel();

        assertThat(await(process)).isEqualTo(new ExitStatus(Termination.CANCELLED, 137, false, "cancelled"));
    }

    @Test
    void aProcessThatLeftTheTreeHoldingTheOutputDoesNotHoldTheRunForever() throws Exception {
        String marker = sleepMarker();
        try {
            Run run = run(List.of("sh", "-c", "setsid sleep " + marker + " & echo started"));

            assertThat(run.status()).isEqualTo(new ExitStatus(Termination.EXITED, 0, false, ""));
            assertThat(run.output().stdout()).isEqualTo("started\n");
        } finally {
            killLeftBehind(marker);
        }
    }

    @Test
    void cancelAfterTheMainProcessExitedStillCompletes() throws Exception {
        String marker = sleepMarker();
        try {
            RecordingOutputSink output = new RecordingOutputSink();
            SandboxProcess process = start(List.of("sh", "-c", "setsid sleep " + marker + " & echo started"), environment(), limits(), output);
            output.await(io.resourcepool.api.spi.sandbox.OutputChannel.STDOUT, text -> text.equals("started\n"), PATIENCE);

            process.cancel();

            ExitStatus status = await(process);
            assertThat(status.exitCode()).as("the shell exited by itself, or was killed: %s", status).isIn(0, 137);
        } finally {
            killLeftBehind(marker);
        }
    }

    /** The documented gap: the sandbox cannot find a process that left its tree, so the test cleans up after itself. */
    private static void killLeftBehind(String marker) {
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(marker)).forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void capCountsBothChannelsTogetherAndCutsExactly() throws Exception {
        Run run = run(List.of("sh", "-c", "printf '%0600d' 0; printf '%0600d' 0 >&2"), environment(),
                SandboxLimits.of(Duration.ofSeconds(30), 1000));

        String all = beforeDroppedTail(run.output().stdout()) + beforeDroppedTail(run.output().stderr());
        assertThat(all).containsOnlyOnce("[output truncated: over 1000 bytes]");
        assertThat(all.replace("[output truncated: over 1000 bytes]", "").chars().filter(c -> c == '0').count()).isEqualTo(1000);
        assertThat(run.status().outputTruncated()).isTrue();
        assertThat(run.output().stdout() + run.output().stderr()).as("the last bytes past the cap follow at the end")
                .containsPattern("\\[200 bytes of std(out|err) dropped; the last 200 follow]\\n0{200}");
    }

    private static String beforeDroppedTail(String channel) {
        int tail = channel.indexOf("\n[", channel.indexOf("[output truncated") + 1);
        return tail < 0 ? channel : channel.substring(0, tail);
    }

    @Test
    void outputExactlyAtTheCapIsNotTruncated() throws Exception {
        Run run = run(List.of("sh", "-c", "printf '%01000d' 0"), environment(), SandboxLimits.of(Duration.ofSeconds(30), 1000));

        assertThat(run.output().stdout()).hasSize(1000);
        assertThat(run.status().outputTruncated()).isFalse();
    }

    @Test
    void largeOutputArrivesWhole() throws Exception {
        Run run = run(List.of("sh", "-c", "yes 0123456789abcdef | head -c 1048576"), environment(),
                SandboxLimits.of(Duration.ofSeconds(30), 2 << 20));

        assertThat(run.output().stdout()).hasSize(1 << 20);
        assertThat(run.output().chunks()).allSatisfy(chunk -> assertThat(chunk.bytes().size()).isBetween(1, 8192));
    }

    @Test
    void aFailingSinkDoesNotStopTheCommand() throws Exception {
        SandboxProcess process = sandbox.start(new io.resourcepool.api.spi.sandbox.SandboxRequest(
                List.of("sh", "-c", "yes | head -c 300000; exit 4"), environment(), workDirectory, limits()),
                (channel, chunk) -> {
                    throw new IllegalStateException("sink is broken");
                });

        assertThat(await(process).exitCode()).isEqualTo(4);
    }

    @Test
    void describesDurationsTheWayConfigurationWritesThem() {
        assertThat(ProcessRun.describe(Duration.ofSeconds(2))).isEqualTo("2s");
        assertThat(ProcessRun.describe(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(ProcessRun.describe(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(ProcessRun.describe(Duration.ofHours(3))).isEqualTo("3h");
    }
}
