package io.resourcepool.testkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resourcepool.api.SandboxException;
import io.resourcepool.api.spi.sandbox.ExitStatus;
import io.resourcepool.api.spi.sandbox.IsolationFeature;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import io.resourcepool.api.spi.sandbox.SandboxProcess;
import io.resourcepool.api.spi.sandbox.SandboxRequest;
import io.resourcepool.api.spi.sandbox.Termination;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link Sandbox} must show, checked with real processes. An implementation's test extends
 * this class and says how to make the sandbox (the containment tests come from {@link ContainmentContract}); each test gets a fresh one and a fresh work directory that any
 * user may write to, so that a sandbox which runs commands as another user works too.
 *
 * <p>Commands get an explicit {@code PATH} ({@link #PATH}); the contract does not rely on a default. Tests that
 * check that processes are gone look them up in {@code /proc} by a marker in their command line (an odd
 * {@code sleep} duration), so that they also work for sandboxes with their own PID namespace.
 */
@Timeout(60)
public abstract class SandboxContract extends ContainmentContract {
    @Test
    void echoedOutputArrivesWithExitCodeZero() throws Exception {
        Run run = run(List.of("echo", "hello", "pool"));

        assertThat(run.status().termination()).isEqualTo(Termination.EXITED);
        assertThat(run.status().exitCode()).isZero();
        assertThat(run.status().outputTruncated()).isFalse();
        assertThat(run.output().stdout()).isEqualTo("hello pool\n");
        assertThat(run.output().stderr()).isEmpty();
    }

    @Test
    void standardErrorIsKeptApartFromStandardOutput() throws Exception {
        Run run = run(List.of("sh", "-c", "echo to-out; echo to-err >&2"));

        assertThat(run.output().stdout()).isEqualTo("to-out\n");
        assertThat(run.output().stderr()).isEqualTo("to-err\n");
    }

    @Test
    void nonZeroExitCodeIsReported() throws Exception {
        Run run = run(List.of("sh", "-c", "exit 3"));

        assertThat(run.status().termination()).isEqualTo(Termination.EXITED);
        assertThat(run.status().exitCode()).isEqualTo(3);
    }

    @Test
    void commandRunsInItsWorkDirectory() throws Exception {
        Run run = run(List.of("pwd"));

        assertThat(run.output().stdout().strip()).isEqualTo(workDirectory.toRealPath().toString());
    }

    @Test
    void standardInputIsEmpty() throws Exception {
        Run run = run(List.of("cat"));

        assertThat(run.status().exitCode()).isZero();
        assertThat(run.output().stdout()).isEmpty();
    }

    @Test
    void environmentHoldsOnlyTheVariablesGiven() throws Exception {
        Map<String, String> worker = System.getenv();
        assumeTrue(!worker.isEmpty(), "the test JVM has no environment to leak");
        Map<String, String> given = Map.of("PATH", PATH, "POOL_CONTRACT_VARIABLE", "given value");

        Run run = run(List.of("env"), given, limits());

        List<String> lines = run.output().stdout().lines().toList();
        assertThat(lines).contains("POOL_CONTRACT_VARIABLE=given value", "PATH=" + PATH);
        worker.forEach((name, value) -> {
            if (!given.containsKey(name)) {
                assertThat(lines).as("the worker's variable %s must not reach the command", name).doesNotContain(name + "=" + value);
            }
        });
    }

    @Test
    void timeoutKillsTheCommandAndSaysSo() throws Exception {
        String marker = sleepMarker();
        SandboxProcess process = start(List.of("sh", "-c", "sleep " + marker + "; echo finished"), environment(),
                SandboxLimits.of(Duration.ofSeconds(1), 1 << 20), new RecordingOutputSink());

        ExitStatus status = await(process);

        assertThat(status.termination()).isEqualTo(Termination.TIMED_OUT);
        assertThat(status.reason()).isNotBlank();
        assertGone(marker);
    }

    @Test
    void cancelKillsTheWholeTreeWithChildAndGrandchild() throws Exception {
        String child = sleepMarker();
        String grandchild = sleepMarker();
        String script = "sh -c 'sleep " + grandchild + " & echo pid $!; echo pid $$; wait' & "
                + "sleep " + child + " & echo pid $!; echo pid $$; wait";
        RecordingOutputSink output = new RecordingOutputSink();
        SandboxProcess process = start(List.of("sh", "-c", script), environment(), limits(), output);
        output.await(OutputChannel.STDOUT, text -> text.lines().count() >= 4, PATIENCE);
        // the pids the shells print are those of the sandbox's PID namespace, if it has one: find the host's by marker,
        // once each backgrounded sleep has replaced its forked shell (a pid is printed right after the fork, before the exec)
        java.util.function.Supplier<List<Long>> tree = () -> Stream.concat(ProcessTable.runningWith(child).stream(),
                ProcessTable.runningWith(grandchild).stream()).distinct().toList();
        ProcessTable.awaitTrue(() -> tree.get().size() >= 4, PATIENCE);
        List<Long> pids = tree.get();
        assertThat(pids).as("outer shell, inner shell, child and grandchild are running").hasSizeGreaterThanOrEqualTo(4);

        process.cancel();
        ExitStatus status = await(process);

        assertThat(status.termination()).isEqualTo(Termination.CANCELLED);
        boolean allGone = ProcessTable.awaitTrue(() -> pids.stream()
                .noneMatch(pid -> ProcessTable.runningWith(pid, child) || ProcessTable.runningWith(pid, grandchild)), Duration.ofSeconds(10));
        assertThat(allGone).as("no process of the tree %s survives the cancel", pids).isTrue();
        assertGone(child);
        assertGone(grandchild);
    }

    @Test
    void commandThatLeavesAProcessRunningStillCompletes() throws Exception {
        String marker = sleepMarker();
        try {
            Run run = run(List.of("sh", "-c", "sleep " + marker + " & echo started"));

            assertThat(run.status().exitCode()).isZero();
            assertThat(run.output().stdout()).startsWith("started\n");
        } finally {
            // whether the sandbox ends such a process is its own affair (a PID namespace does); the test tidies up
            ProcessTable.runningWith(marker).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void cancelAfterTheEndChangesNothing() throws Exception {
        SandboxProcess process = start(List.of("true"), environment(), limits(), new RecordingOutputSink());
        ExitStatus status = await(process);

        process.cancel();
        process.cancel();

        assertThat(status.termination()).isEqualTo(Termination.EXITED);
        assertThat(await(process)).isEqualTo(status);
    }

    @Test
    void outputPastTheCapIsCutWithAMarker() throws Exception {
        Run run = run(List.of("sh", "-c", "yes x | head -c 1000000"), environment(), SandboxLimits.of(Duration.ofSeconds(30), 1000));

        assertThat(run.status().termination()).isEqualTo(Termination.EXITED);
        assertThat(run.status().outputTruncated()).isTrue();
        String all = run.output().stdout() + run.output().stderr();
        assertThat(all).contains("truncated");
        String beforeMarker = all.substring(0, all.indexOf("truncated"));
        assertThat(beforeMarker.chars().filter(c -> c == 'x').count()).isLessThanOrEqualTo(1000);
        // a sandbox may pass on the last bytes past the cap at the end, but not much of the million dropped
        assertThat(all.length()).isLessThan(1000 + 64 * 1024);
    }

    @Test
    void missingProgramFailsClearly() throws Exception {
        String program = "no-such-program-" + ThreadLocalRandom.current().nextInt(1_000_000);
        SandboxProcess process;
        try {
            process = start(List.of(program), environment(), limits(), new RecordingOutputSink());
        } catch (SandboxException e) {
            assertThat(e).hasMessageContaining(program);
            return;
        }
        ExitStatus status = await(process);
        assertThat(status.termination()).isEqualTo(Termination.FAILED_TO_START);
        assertThat(status.reason()).contains(program);
    }

    @Test
    void outputStreamsBeforeTheCommandEnds() throws Exception {
        RecordingOutputSink output = new RecordingOutputSink();
        SandboxProcess process = start(List.of("sh", "-c", "echo first; sleep " + sleepMarker() + "; echo second"),
                environment(), limits(), output);

        output.await(OutputChannel.STDOUT, text -> text.contains("first\n"), PATIENCE);

        assertThat(process.completion()).isNotDone();
        process.cancel();
        assertThat(await(process).termination()).isEqualTo(Termination.CANCELLED);
        assertThat(output.stdout()).doesNotContain("second");
    }

    @Test
    void concurrentRunsKeepTheirOwnOutput() throws Exception {
        List<SandboxProcess> processes = new ArrayList<>();
        List<RecordingOutputSink> outputs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            RecordingOutputSink output = new RecordingOutputSink();
            outputs.add(output);
            Path own = newWorkDirectory("run-" + i);
            processes.add(sandbox.start(new SandboxRequest(List.of("sh", "-c", "echo run-" + i + "; exit " + i), environment(), own, limits()), output));
        }
        for (int i = 0; i < 4; i++) {
            assertThat(await(processes.get(i)).exitCode()).isEqualTo(i);
            assertThat(outputs.get(i).stdout()).isEqualTo("run-" + i + "\n");
        }
    }

    @Test
    void cpuTimeLimitEndsABusyLoopAndSaysSo() throws Exception {
        assumeTrue(sandbox.isolation().gives(IsolationFeature.CPU_TIME_LIMIT), "the sandbox does not limit CPU time");
        SandboxLimits limits = new SandboxLimits(Duration.ofSeconds(30), Duration.ofSeconds(1), 0, 0, 1 << 20);

        Run run = run(List.of("sh", "-c", "while :; do :; done"), environment(), limits);

        assertThat(run.status().termination()).isEqualTo(Termination.LIMIT_EXCEEDED);
        assertThat(run.status().reason()).contains("CPU time limit of 1s");
    }

    @Test
    void memoryLimitMakesABigAllocationFail() throws Exception {
        assumeTrue(sandbox.isolation().gives(IsolationFeature.MEMORY_LIMIT), "the sandbox does not limit memory");
        SandboxLimits limits = new SandboxLimits(Duration.ofSeconds(30), Duration.ZERO, 64L << 20, 0, 1 << 20);

        // the shell holds 200 MB in one variable: far past a 64 MiB address space
        Run run = run(List.of("sh", "-c", "x=$(head -c 200000000 /dev/zero | tr '\\0' a); echo ${#x}"), environment(), limits);

        assertThat(run.status().exitCode()).isNotZero();
        assertThat(run.output().stdout()).doesNotContain("200000000");
        assertThat(run.status().reason()).contains("memory limit").contains(" " + (64L << 20) + " bytes");
    }

    @Test
    void memoryLimitLeavesASmallCommandAlone() throws Exception {
        assumeTrue(sandbox.isolation().gives(IsolationFeature.MEMORY_LIMIT), "the sandbox does not limit memory");
        SandboxLimits limits = new SandboxLimits(Duration.ofSeconds(30), Duration.ofSeconds(10), 256L << 20, 50, 1 << 20);

        Run run = run(List.of("echo", "fits"), environment(), limits);

        assertThat(run.status().termination()).isEqualTo(Termination.EXITED);
        assertThat(run.status().exitCode()).isZero();
        assertThat(run.status().reason()).isEmpty();
        assertThat(run.output().stdout()).isEqualTo("fits\n");
    }

    @Test
    void processLimitStopsForkingPastIt() throws Exception {
        assumeTrue(sandbox.isolation().gives(IsolationFeature.PROCESS_LIMIT), "the sandbox does not limit processes");
        // counted per user by the kernel: with 5 even a user with a few other processes cannot start 10 more
        SandboxLimits limits = new SandboxLimits(Duration.ofSeconds(30), Duration.ZERO, 0, 5, 1 << 20);
        String marker = sleepMarker();

        try {
            Run run = run(List.of("sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10; do sleep " + marker + " & done; kill $(jobs -p); wait"),
                    environment(), limits);

            assertThat(run.status().exitCode()).isNotZero();
            assertThat(run.output().stderr()).containsIgnoringCase("fork");
        } finally {
            // the sleeps that did start may outlive the shell that failed to fork the rest
            ProcessTable.runningWith(marker).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

}
