package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.spi.sandbox.ExitStatus;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import io.resourcepool.api.spi.sandbox.Termination;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelLimitsTest {
    private static final Path PROGRAM = Path.of("/usr/bin/job");
    private static final Path FAKE_PRLIMIT = Path.of("/bin/sh");
    private static final KernelLimits PRESENT = KernelLimits.find(List.of(FAKE_PRLIMIT));

    @Test
    void withoutKernelLimitsTheProgramRunsDirectly() {
        assertThat(PRESENT.commandLine(SandboxLimits.of(Duration.ofSeconds(5), 100), PROGRAM, List.of("a")))
                .containsExactly("/usr/bin/job", "a");
    }

    @Test
    void everyLimitBecomesAPrlimitOptionBeforeTheProgram() {
        SandboxLimits limits = new SandboxLimits(Duration.ofSeconds(5), Duration.ofMillis(1500), 1 << 20, 7, 100);

        assertThat(PRESENT.commandLine(limits, PROGRAM, List.of("a")))
                .containsExactly("/bin/sh", "--as=1048576", "--cpu=2:3", "--nproc=7", "--", "/usr/bin/job", "a");
    }

    @Test
    void cpuTimeIsRoundedUpToWholeSeconds() {
        assertThat(KernelLimits.cpuSeconds(Duration.ofSeconds(3))).isEqualTo(3);
        assertThat(KernelLimits.cpuSeconds(Duration.ofMillis(1))).isEqualTo(1);
    }

    @Test
    void deathBySigxcpuUnderACpuLimitIsALimitExceeded() {
        SandboxLimits limits = new SandboxLimits(Duration.ZERO, Duration.ofSeconds(2), 0, 0, 100);

        ExitStatus status = KernelLimits.judge(limits, KernelLimits.SIGXCPU_EXIT, false);

        assertThat(status.termination()).isEqualTo(Termination.LIMIT_EXCEEDED);
        assertThat(status.reason()).isEqualTo("exceeded its CPU time limit of 2s");
    }

    @Test
    void sigxcpuWithoutACpuLimitIsAnOrdinaryExit() {
        ExitStatus status = KernelLimits.judge(SandboxLimits.of(Duration.ZERO, 100), KernelLimits.SIGXCPU_EXIT, false);

        assertThat(status).isEqualTo(new ExitStatus(Termination.EXITED, KernelLimits.SIGXCPU_EXIT, false, ""));
    }

    @Test
    void aFailureUnderAMemoryLimitIsHintedNotClaimed() {
        SandboxLimits limits = new SandboxLimits(Duration.ZERO, Duration.ZERO, 1000, 0, 100);

        assertThat(KernelLimits.judge(limits, 1, true))
                .isEqualTo(new ExitStatus(Termination.EXITED, 1, true, "memory limit was 1000 bytes (allocation failures exit non-zero)"));
        assertThat(KernelLimits.judge(limits, 0, false).reason()).isEmpty();
    }
}
