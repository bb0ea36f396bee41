package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.ResourceRequest;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.core.client.JobInfo;
import io.resourcepool.core.client.NodeInfo;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.testkit.sandbox.ProcessTable;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's limits through a real hub and worker (process sandbox, real processes): memory, the whole process
 * tree on cancel, the output cap with a gigabyte of output, and the working directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobLimitsEndToEndTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private LivePool pool;
    private PoolClient dave;

    @BeforeAll
    void startPoolWithOneWorker(@TempDir Path dir) throws Exception {
        pool = new LivePool(dir, Map.of());
        pool.enrollWorker("limits");
        try (PoolClient admin = pool.admin()) {
            admin.admin().addUser("dave", Role.COMPUTE_USER, Secret.of("dave-password"));
        }
    }

    @BeforeEach
    void connectDave() {
        dave = pool.connect().login("dave", Secret.of("dave-password"));
    }

    @AfterEach
    void disconnectDave() {
        dave.close();
    }

    @AfterAll
    void stopPool() {
        pool.close();
    }

    private JobInfo awaitJob(JobId id, Predicate<JobInfo> condition) {
        return LivePool.awaitJob(dave, id, PATIENCE, condition);
    }

    private static String marker() {
        return "6" + ThreadLocalRandom.current().nextInt(10) + "." + (100_000 + ThreadLocalRandom.current().nextInt(900_000));
    }

    @Test
    void theNodeListingShowsWhatTheSandboxEnforces() {
        List<NodeInfo> nodes = dave.nodes();

        assertThat(nodes).hasSize(1);
        boolean root = "root".equals(System.getProperty("user.name"));
        // a root worker on a host with cgroup v1 makes one per job; anyone else says why it cannot
        assertThat(nodes.getFirst().sandbox()).contains(root ? "a cgroup per job" : "no per-job cgroups (");
    }

    @Test
    void aJobOverItsMemoryLimitFailsWithAReasonThatSaysMemory() {
        JobSpec greedy = JobSpec.of("sh", "-c", "x=$(head -c 300000000 /dev/zero | tr '\\0' a); echo ${#x}")
                .withResources(new ResourceRequest(0, 48L << 20));

        JobInfo done = awaitJob(dave.submit(greedy), j -> j.state().isFinal());

        assertThat(done.state()).isEqualTo(JobState.FAILED);
        assertThat(done.reason()).containsIgnoringCase("memory");
        assertThat(done.outputTail().asUtf8()).doesNotContain("300000000");
    }

    @Test
    void cancelKillsChildrenGrandchildrenAndASetsidDaemonByPid() {
        String child = marker();
        String grandchild = marker();
        String daemon = marker();
        String script = "sleep " + child + " & sh -c 'sleep " + grandchild + " & wait' & "
                + "(setsid sleep " + daemon + " > /dev/null 2>&1 < /dev/null &); echo started; wait";
        JobId id = dave.submit(JobSpec.of("sh", "-c", script));
        awaitJob(id, j -> j.state() == JobState.RUNNING && j.outputTail().asUtf8().equals("started\n"));
        assertThat(ProcessTable.awaitTrue(() -> Stream.of(child, grandchild, daemon).allMatch(m -> !ProcessTable.runningWith(m).isEmpty()),
                PATIENCE)).as("child, grandchild and daemon run").isTrue();
        Map<String, List<Long>> pids = Map.of(child, ProcessTable.runningWith(child), grandchild, ProcessTable.runningWith(grandchild),
                daemon, ProcessTable.runningWith(daemon));

        dave.cancel(id);

        assertThat(awaitJob(id, j -> j.state().isFinal()).state()).isEqualTo(JobState.CANCELLED);
        boolean noneSurvives = ProcessTable.awaitTrue(() -> pids.entrySet().stream()
                .allMatch(e -> e.getValue().stream().noneMatch(pid -> ProcessTable.runningWith(pid, e.getKey()))), Duration.ofSeconds(10));
        assertThat(noneSurvives).as("no process of %s survives the cancel", pids).isTrue();
    }

    @Test
    void aGibibyteOfOutputIsCappedAndTheResultKeepsTheExitCodeAndLastBytesInBoundedMemory() {
        assertThat(oldGenerationPools().count()).as("the JVM's old-generation pool is found").isPositive();
        long heapBefore = heapUsedAfterGc();
        long rssBefore = residentBytes();
        oldGenerationPools().forEach(MemoryPoolMXBean::resetPeakUsage);
        long oldBefore = oldGenerationPools().mapToLong(p -> p.getUsage().getUsed()).sum();
        JobSpec flood = JobSpec.of("sh", "-c", "head -c 1G /dev/zero; echo; echo last-line; exit 3")
                .withOutputCap(1 << 20).withTimeout(Duration.ofMinutes(5));

        JobInfo done = awaitJob(dave.submit(flood), j -> j.state().isFinal());

        long oldPeakGrowth = oldGenerationPools().mapToLong(p -> p.getPeakUsage().getUsed()).sum() - oldBefore;
        long heapGrowth = heapUsedAfterGc() - heapBefore;
        long rssGrowth = residentBytes() - rssBefore;
        System.out.printf("1 GiB job: old-generation peak grew %d MiB, heap after GC grew %d MiB, RSS grew %d MiB, hub kept %d bytes of tail%n",
                oldPeakGrowth >> 20, heapGrowth >> 20, rssGrowth >> 20, done.outputTail().size());
        assertThat(done.state()).isEqualTo(JobState.FAILED);
        assertThat(done.exitCode()).contains(3);
        String tail = done.outputTail().asUtf8();
        assertThat(tail).contains("[output truncated: over 1048576 bytes]").endsWith("\nlast-line\n")
                .contains(" bytes of stdout dropped; the last ");
        assertThat(done.outputTail().size()).isLessThanOrEqualTo(JobRecord.MAX_OUTPUT_TAIL_BYTES);
        // a gigabyte held anywhere in hub or worker would show in the old generation; the cap keeps both to megabytes
        assertThat(oldPeakGrowth).as("old-generation peak growth").isLessThan(128L << 20);
        assertThat(heapGrowth).as("heap retained after the job").isLessThan(64L << 20);
        assertThat(rssGrowth).as("resident memory of the JVM running hub and worker").isLessThan(512L << 20);
    }

    @Test
    void theJobStartsInItsWorkingDirectoryInsideItsWorkDirectory() {
        JobSpec spec = JobSpec.of("sh", "-c", "pwd; touch made-here; ls ../..").withWorkingDirectory("build/out");

        JobInfo done = awaitJob(dave.submit(spec), j -> j.state().isFinal());

        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        List<String> lines = done.outputTail().asUtf8().lines().toList();
        assertThat(lines.getFirst()).endsWith("/build/out");
        assertThat(Path.of(lines.getFirst()).getParent().getParent().getParent()).isEqualTo(pool.dir.resolve("limits/jobs"));
        assertThat(lines.subList(1, lines.size())).containsExactly("build");
    }

    private static long heapUsedAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The resident set of this JVM, which runs the hub and the worker, from /proc/self/status. */
    private static long residentBytes() {
        try {
            return java.nio.file.Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) << 10).findFirst().orElseThrow();
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot read /proc/self/status", e);
        }
    }

    private static Stream<MemoryPoolMXBean> oldGenerationPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isUsageThresholdSupported() && p.getName().matches(".*(Old|Tenured).*"));
    }
}
