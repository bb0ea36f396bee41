package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resourcepool.api.spi.sandbox.IsolationFeature;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import io.resourcepool.api.spi.sandbox.Termination;
import io.resourcepool.testkit.sandbox.SandboxHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-job cgroups on this machine, seen from inside the job and from the worker's side. */
class JobCgroupTest extends SandboxHarness {
    private static final String SHOW_LIMITS = "for c in memory:memory.limit_in_bytes pids:pids.max cpu:cpu.cfs_quota_us; do"
            + " p=$(grep \":${c%%:*}:\" /proc/self/cgroup | cut -d: -f3); echo ${c%%:*}=$(cat /sys/fs/cgroup/${c%%:*}$p/${c#*:}); done;"
            + " grep ':memory:' /proc/self/cgroup | cut -d: -f3";

    @Override
    protected Sandbox newSandbox() {
        return new ProcessSandbox();
    }

    @BeforeEach
    void needsCgroups() {
        assumeTrue(JobCgroups.find(JobCgroups.ROOT).available(), "this machine gives the worker no per-job cgroups");
    }

    @Test
    void isolationClaimsTheCgroupFeatures() {
        assertThat(sandbox.isolation().features()).contains(IsolationFeature.MEMORY_LIMIT, IsolationFeature.PROCESS_LIMIT,
                IsolationFeature.CPU_SHARE, IsolationFeature.WHOLE_TREE_KILL);
        assertThat(sandbox.isolation().description()).contains("a cgroup per job");
    }

    @Test
    void theJobsCgroupCarriesItsLimitsAndIsRemovedAfterwards() throws Exception {
        SandboxLimits limits = new SandboxLimits(Duration.ofSeconds(60), Duration.ZERO, 96L << 20, 40, 1 << 20, 1);

        Run run = run(List.of("sh", "-c", SHOW_LIMITS), environment(), limits);

        assertThat(run.status().exitCode()).as(run.output().stderr()).isZero();
        List<String> lines = run.output().stdout().lines().toList();
        long period = Long.parseLong(Files.readString(JobCgroups.ROOT.resolve("cpu/cpu.cfs_period_us")).strip());
        assertThat(lines).startsWith("memory=" + (96L << 20), "pids=40", "cpu=" + period);
        Path memoryCgroup = JobCgroups.ROOT.resolve("memory").resolve(lines.get(3).substring(1));
        assertThat(memoryCgroup.getFileName().toString()).startsWith("job-");
        assertThat(memoryCgroup).as("the job's cgroup is removed once it completed").doesNotExist();
    }

    @Test
    void theWorkersCeilingCapsTheJobsProcesses() throws Exception {
        sandbox = new ProcessSandbox(JobUidRange.DEFAULT_RANGE, new JobLimitSettings(Optional.of(JobCgroups.ROOT), 25));

        Run unlimited = run(List.of("sh", "-c", SHOW_LIMITS), environment(), limits());
        Run asksMore = run(List.of("sh", "-c", SHOW_LIMITS), environment(), limits().withProcesses(100));
        Run asksLess = run(List.of("sh", "-c", SHOW_LIMITS), environment(), limits().withProcesses(10));

        assertThat(unlimited.output().stdout()).contains("pids=25");
        assertThat(asksMore.output().stdout()).contains("pids=25");
        assertThat(asksLess.output().stdout()).contains("pids=10");
    }

    @Test
    void aJobMayReserveAddressSpaceItDoesNotUse() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 reserves the address space");
        // what a JVM does at start: reserve far more address space than the memory it touches
        List<String> reserve = List.of("/usr/bin/python3", "-c", "import mmap; m = mmap.mmap(-1, 4 << 30); m[0] = 1; print('reserved')");
        SandboxLimits limits = new SandboxLimits(Duration.ofSeconds(60), Duration.ZERO, 128L << 20, 0, 1 << 20);

        Run underCgroup = run(reserve, environment(), limits);
        sandbox = new ProcessSandbox(JobUidRange.DEFAULT_RANGE, new JobLimitSettings(Optional.empty(), 0));
        Run underRlimit = run(reserve, environment(), limits);

        assertThat(underCgroup.output().stdout()).as(underCgroup.output().stderr()).isEqualTo("reserved\n");
        assertThat(underCgroup.status().termination()).isEqualTo(Termination.EXITED);
        assertThat(underRlimit.status().exitCode()).as("RLIMIT_AS refuses the reservation").isNotZero();
        assertThat(underRlimit.output().stderr()).contains("Cannot allocate memory");
    }

    @Test
    void aJobLeftByAWorkerThatIsGoneIsKilledWhenTheNextWorkerStarts() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Process left = new ProcessBuilder("sleep", "120").start();
        String name = "job-" + gone.pid() + "-1";
        Map<String, Path> parents = new java.util.LinkedHashMap<>();
        for (String controller : JobCgroups.CONTROLLERS) {
            Path parent = JobCgroups.find(JobCgroups.ROOT).parent(controller).orElseThrow();
            parents.put(controller, parent);
            Files.createDirectory(parent.resolve(name));
            Files.writeString(parent.resolve(name).resolve("cgroup.procs"), Long.toString(left.pid()));
        }
        Path mine = parents.get("freezer").resolve("job-" + ProcessHandle.current().pid() + "-999999");
        Files.createDirectory(mine);
        try {
            JobCgroups.find(JobCgroups.ROOT);

            assertThat(left.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("the process left behind was killed").isTrue();
            assertThat(parents.get("memory").resolve(name)).doesNotExist();
            assertThat(mine).as("a cgroup of a worker that is alive stays").exists();
        } finally {
            left.destroyForcibly();
            Files.deleteIfExists(mine);
        }
    }

    @Test
    void withoutTheHierarchiesThereAreNoCgroupsAndTheReasonIsGiven(@TempDir Path empty) {
        JobCgroups none = JobCgroups.find(empty);

        assertThat(none.available()).isFalse();
        assertThat(none.features()).isEmpty();
        assertThat(none.describe()).contains("no cgroup v1 'memory' hierarchy at " + empty.resolve("memory"));
    }

    @Test
    void ownCgroupsAreReadPerController(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("cgroup"), "4:memory:/a/b\n1:cpu,cpuacct:/\n0::/unified\n");

        assertThat(JobCgroups.ownCgroups(file)).containsExactlyInAnyOrderEntriesOf(
                Map.of("memory", "/a/b", "cpu", "/", "cpuacct", "/", "", "/unified"));
    }
}
