package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.SandboxException;
import io.resourcepool.api.spi.sandbox.ExitStatus;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.sandbox.SandboxProcess;
import io.resourcepool.api.spi.sandbox.SandboxRequest;
import io.resourcepool.testkit.sandbox.SandboxHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A root worker's launch helper: what it does when a job's program cannot start, when it is killed itself, and that
 * a job's pid stays the job's until the worker has heard of its end.
 */
class LaunchHelperTest extends SandboxHarness {
    private LaunchHelpers helpers;

    @Override
    protected Sandbox newSandbox() {
        return new ProcessSandbox();
    }

    @BeforeEach
    void needsTheHelper() {
        helpers = LaunchHelperTesting.requireHelper();
    }

    @Test
    void aProgramTheJobsUidMayNotRunIsRefusedWithTheStepAndTheReasonAndTheNextJobRuns() throws Exception {
        // root may run it, so the worker finds it; the job's uid may not enter the directory it is in
        Path rootsOnly = Files.createTempDirectory("launch-helper-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path program = Files.writeString(rootsOnly.resolve("tool"), "#!/bin/sh\ntrue\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
        try {
            assertThatThrownBy(() -> sandbox.start(new SandboxRequest(List.of(program.toString()), environment(), workDirectory, limits()),
                    (channel, chunk) -> { }))
                    .isInstanceOf(SandboxException.class)
                    .hasMessageContaining("cannot start '" + program + "'")
                    .hasMessageContaining("exec: Permission denied");

            assertThat(run(List.of("true")).status().exitCode()).isZero();
        } finally {
            Files.delete(program);
            Files.delete(rootsOnly);
        }
    }

    @Test
    void aJobWhoseHelperIsKilledStillEndsAndTheNextJobRunsUnderANewHelper() throws Exception {
        long killed = helpers.current().process().pid();
        SandboxProcess running = sandbox.start(new SandboxRequest(List.of("sh", "-c", "sleep 1; echo done"), environment(), workDirectory, limits()),
                (channel, chunk) -> { });

        ProcessHandle.of(killed).orElseThrow().destroyForcibly();
        ExitStatus status = running.completion().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        // its end is seen through /proc; how it ended is lost with the helper
        assertThat(status.exitCode()).isEqualTo(LaunchHelper.UNKNOWN_EXIT);
        Run next = runIn(newWorkDirectory(), List.of("id", "-u"));
        assertThat(next.status().exitCode()).as(next.output().stderr()).isZero();
        assertThat(next.output().stdout().strip()).isNotEqualTo("0");
        assertThat(helpers.current().process().pid()).isNotEqualTo(killed);
    }

    @Test
    void anEndedJobIsReapedOnceTheWorkerHasHeardOfItsEndAndLeavesNoZombie() throws Exception {
        Run run = run(List.of("sh", "-c", "echo $$; exit 3"));

        assertThat(run.status().exitCode()).isEqualTo(3);
        Path process = Path.of("/proc", run.output().stdout().strip());
        Awaitility.await().atMost(PATIENCE).until(() -> !Files.exists(process));
    }

    @Test
    void startedAsTheWorkerAJobKeepsTheWorkersUserGroupsAndPrivilegesAsTheJdksStartWould() throws Exception {
        Process process = helpers.asWorker().start(new ProcessBuilder("/bin/cat", "/proc/self/status").directory(workDirectory.toFile())
                .redirectInput(SandboxHost.NO_INPUT), List.of());
        String status = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(status).containsPattern("(?m)^Uid:\\s+0\\s+0\\s+0\\s+0$").containsPattern("(?m)^NoNewPrivs:\\s+0$");
    }

    @Test
    void aWorkerKeepsTheHelpersProgramWhereOnlyItsUserMayWrite() {
        Path temporary = Path.of("/var/tmp");

        assertThat(LaunchHelperProgram.directory(0, java.util.Optional.of("/run/user/0"), temporary)).isEqualTo(LaunchHelperProgram.DIRECTORY);
        assertThat(LaunchHelperProgram.directory(1000, java.util.Optional.of("/run/user/1000"), temporary))
                .isEqualTo(Path.of("/run/user/1000/resourcepool-launch"));
        assertThat(LaunchHelperProgram.directory(1000, java.util.Optional.empty(), temporary)).isEqualTo(Path.of("/var/tmp/resourcepool-launch-1000"));
        assertThat(LaunchHelperProgram.directory(1000, java.util.Optional.of(" "), temporary)).isEqualTo(Path.of("/var/tmp/resourcepool-launch-1000"));
    }

    @Test
    void waitStatusesReadAsTheJdkReadsThem() {
        assertThat(LaunchedProcess.exitValue(0)).isZero();
        assertThat(LaunchedProcess.exitValue(3 << 8)).isEqualTo(3);
        assertThat(LaunchedProcess.exitValue(9)).isEqualTo(137);
        assertThat(LaunchedProcess.exitValue(0x80 | 6)).as("a core dump").isEqualTo(134);
    }

    private Path newWorkDirectory() throws java.io.IOException {
        Path directory = Files.createDirectory(workDirectory.resolveSibling("next"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        return directory;
    }

    private Run runIn(Path directory, List<String> command) throws Exception {
        return run(new SandboxRequest(command, environment(), directory, limits()));
    }
}
