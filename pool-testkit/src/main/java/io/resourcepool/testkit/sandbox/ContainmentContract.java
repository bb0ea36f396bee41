package io.resourcepool.testkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resourcepool.api.spi.sandbox.ExitStatus;
import io.resourcepool.api.spi.sandbox.IsolationFeature;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import io.resourcepool.api.spi.sandbox.SandboxProcess;
import io.resourcepool.api.spi.sandbox.SandboxRequest;
import io.resourcepool.api.spi.sandbox.Termination;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a sandbox that claims {@link IsolationFeature#WHOLE_TREE_KILL} or {@link IsolationFeature#MEMORY_LIMIT}
 * must really do with real processes: a daemon that called {@code setsid} and was re-parented dies on cancel and
 * when the command ends, and a job over its memory limit ends with a reason that says so. A sandbox that does
 * not claim a feature skips its tests. Part of {@link SandboxContract}.
 */
@Timeout(120)
public abstract class ContainmentContract extends SandboxHarness {
    /** Forks a subshell that starts a {@code setsid} daemon and exits at once, so the daemon leaves the tree. */
    private static String daemonScript(String marker) {
        return "(setsid sleep " + marker + " > /dev/null 2>&1 < /dev/null &); echo started";
    }

    @Test
    void cancelKillsADaemonThatCalledSetsidAndLeftTheTree() throws Exception {
        assumeTrue(sandbox.isolation().gives(IsolationFeature.WHOLE_TREE_KILL), "the sandbox does not claim to kill every process");
        String daemon = sleepMarker();
        String main = sleepMarker();
        RecordingOutputSink output = new RecordingOutputSink();
        SandboxProcess process = start(List.of("sh", "-c", daemonScript(daemon) + "; sleep " + main), environment(), limits(), output);
        assertThat(ProcessTable.awaitTrue(() -> !ProcessTable.runningWith(daemon).isEmpty(), PATIENCE))
                .as("the setsid daemon started").isTrue();
        List<Long> daemonPids = ProcessTable.runningWith(daemon);

        process.cancel();
        ExitStatus status = await(process);

        assertThat(status.termination()).isEqualTo(Termination.CANCELLED);
        assertThat(ProcessTable.awaitTrue(() -> daemonPids.stream().noneMatch(pid -> ProcessTable.runningWith(pid, daemon)),
                Duration.ofSeconds(10))).as("daemon %s survived the cancel", daemonPids).isTrue();
        assertGone(main);
    }

    @Test
    void aDaemonLeftRunningDiesWhenTheCommandEnds() throws Exception {
        assumeTrue(sandbox.isolation().gives(IsolationFeature.WHOLE_TREE_KILL), "the sandbox does not claim to kill every process");
        String daemon = sleepMarker();

        Run run = run(List.of("sh", "-c", daemonScript(daemon) + "; sleep 0.3"));

        assertThat(run.status().exitCode()).isZero();
        assertThat(run.output().stdout()).isEqualTo("started\n");
        assertGone(daemon);
    }

    @Test
    void timeoutKillsADaemonThatLeftTheTree() throws Exception {
        assumeTrue(sandbox.isolation().gives(IsolationFeature.WHOLE_TREE_KILL), "the sandbox does not claim to kill every process");
        String daemon = sleepMarker();
        SandboxLimits limits = SandboxLimits.of(Duration.ofSeconds(2), 1 << 20);

        Run run = run(List.of("sh", "-c", daemonScript(daemon) + "; sleep " + sleepMarker()), environment(), limits);

        assertThat(run.status().termination()).isEqualTo(Termination.TIMED_OUT);
        assertGone(daemon);
    }

    @Test
    void aJobOverItsMemoryLimitIsKilledWithAReasonThatSaysMemory() throws Exception {
        assumeTrue(sandbox.isolation().gives(IsolationFeature.MEMORY_LIMIT), "the sandbox does not limit memory");
        long limit = 48L << 20;
        SandboxLimits limits = new SandboxLimits(Duration.ofSeconds(60), Duration.ZERO, limit, 0, 1 << 20);

        // a 300 MB string, built by a child of the shell and held in the shell
        Run run = run(List.of("sh", "-c", "x=$(head -c 300000000 /dev/zero | tr '\\0' a); echo ${#x}"), environment(), limits);

        assertThat(run.status().exitCode()).isNotZero();
        assertThat(run.output().stdout()).doesNotContain("300000000");
        assertThat(run.status().reason()).contains("memory limit").contains(Long.toString(limit));
    }

    @Test
    void workingDirectoryInsideTheWorkDirectoryIsWhereTheCommandStarts() throws Exception {
        Path start = Files.createDirectories(workDirectory.resolve("build/out"));

        Run run = run(new SandboxRequest(List.of("sh", "-c", "pwd; echo made > ../../up.txt"),
                environment(), workDirectory, start, limits()));

        assertThat(run.status().exitCode()).as(run.output().stderr()).isZero();
        assertThat(Path.of(run.output().stdout().strip()).toRealPath()).isEqualTo(start.toRealPath());
        assertThat(workDirectory.resolve("up.txt")).as("the whole work directory stays writable").hasContent("made");
    }
}
