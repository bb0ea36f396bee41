package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resourcepool.api.spi.sandbox.DeviceNode;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The devices cgroup on this machine's kernel: a job given one device of a "GPU" driver opens it, and is refused
 * every other device of that driver. No GPU is needed: the kernel's list is replaced by one that names the memory
 * devices' driver (major 1: {@code /dev/zero} is 1:5, {@code /dev/urandom} 1:9) a GPU driver, which only this job's
 * cgroup is told. Needs a root worker on cgroup v1 with the {@code devices} hierarchy; skipped otherwise (run the
 * tests as root on such a host to enable it).
 */
class GpuDeviceCgroupKernelTest {
    @TempDir
    Path dir;

    @Test
    void aJobOpensTheDeviceItWasGivenAndNoOtherOfThatDriver() throws Exception {
        assumeTrue(Files.isRegularFile(JobCgroups.ROOT.resolve("devices/cgroup.procs")), "no cgroup v1 devices hierarchy on this host");
        CgroupPaths paths = new CgroupPaths(JobCgroups.ROOT, Path.of("/proc/self/mountinfo"), Path.of("/proc/self/cgroup"),
                Files.writeString(dir.resolve("proc-devices"), "Character devices:\n  1 nvidia-frontend\n"));
        JobCgroups cgroups = JobCgroups.findLegacy(paths);
        assumeTrue(cgroups.parent("devices").isPresent(), "the worker may not create v1 cgroups here (not root?): " + cgroups.describe());

        Containment containment = cgroups.contain(SandboxLimits.of(Duration.ofSeconds(60), 1 << 20),
                List.of(new DeviceNode(Path.of("/dev/zero"), Path.of("/dev/zero"))));
        try {
            Process job = containment.start(new ProcessBuilder(
                    containment.enter(List.of("sh", "-c", "head -c 3 /dev/zero | wc -c; head -c 1 /dev/urandom"))), ProcessLauncher.JDK);
            assertThat(job.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String out = new String(job.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(job.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(out.strip()).as(err).isEqualTo("3");
            assertThat(err).contains("/dev/urandom", "Operation not permitted");
            assertThat(job.exitValue()).isNotZero();
        } finally {
            containment.release();
        }
    }
}
