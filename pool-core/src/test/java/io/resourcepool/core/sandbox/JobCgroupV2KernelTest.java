package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resourcepool.api.spi.sandbox.IsolationFeature;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import io.resourcepool.testkit.sandbox.ContainmentContract;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-job cgroups on the real kernel's cgroup v2: the containment contract, and the limits seen from inside the
 * job. Runs only where the worker finds a writable unified hierarchy with the memory, pids and cpu controllers
 * (a root worker, or one in a delegated cgroup); elsewhere it skips with what is missing.
 */
class JobCgroupV2KernelTest extends ContainmentContract {
    private static final String SHOW_LIMITS = "p=$(sed -n 's/^0:://p' /proc/self/cgroup);"
            + " for f in memory.max memory.swap.max pids.max cpu.max; do echo $f=$(cat \"$MOUNT$p/$f\" 2>/dev/null); done; echo \"$p\"";

    private Path parent;

    @Override
    protected Sandbox newSandbox() {
        return new ProcessSandbox();
    }

    @BeforeEach
    void needsWritableCgroupV2WithTheControllers() {
        JobCgroups unified = UnifiedCgroups.find(CgroupPaths.of(JobCgroups.ROOT));
        assumeTrue(unified.available(), unified.reason());
        parent = unified.unifiedParent().orElseThrow();
    }

    @Test
    void theSandboxChoosesCgroupV2AndSaysSo() {
        assertThat(sandbox.isolation().features()).contains(IsolationFeature.MEMORY_LIMIT, IsolationFeature.PROCESS_LIMIT,
                IsolationFeature.CPU_SHARE, IsolationFeature.WHOLE_TREE_KILL);
        assertThat(sandbox.isolation().description()).contains("a cgroup per job (cgroup v2 at " + parent + ": memory.max");
    }

    @Test
    void theJobsCgroupCarriesItsLimitsAndIsRemovedAfterwards() throws Exception {
        Path mount = CgroupMount.readAll(Path.of("/proc/self/mountinfo")).stream()
                .filter(m -> m.unified() && parent.startsWith(m.mountPoint())).findFirst().orElseThrow().mountPoint();
        Map<String, String> environment = new HashMap<>(environment());
        environment.put("MOUNT", mount.toString());
        SandboxLimits limits = new SandboxLimits(Duration.ofSeconds(60), Duration.ZERO, 96L << 20, 40, 1 << 20, 1);

        Run run = run(List.of("sh", "-c", SHOW_LIMITS), environment, limits);

        assertThat(run.status().exitCode()).as(run.output().stderr()).isZero();
        List<String> lines = run.output().stdout().lines().toList();
        assertThat(lines).contains("memory.max=" + (96L << 20), "pids.max=40", "cpu.max=100000 100000");
        assertThat(lines.get(1)).isIn("memory.swap.max=0", "memory.swap.max=");
        Path jobCgroup = mount.resolve(lines.getLast().substring(1));
        assertThat(jobCgroup.getParent()).isEqualTo(parent);
        assertThat(jobCgroup.getFileName().toString()).startsWith("job-");
        assertThat(jobCgroup).as("the job's cgroup is removed once it completed").doesNotExist();
    }
}
