package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resourcepool.api.spi.sandbox.SandboxLimits;
import io.resourcepool.testkit.sandbox.ProcessTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The part of a job's cgroup v2 protocol that needs no controller, on the real kernel: entering through
 * {@code cgroup.procs}, killing a daemon that left the tree with {@code cgroup.kill} or by freezing, and removing
 * the cgroup. Runs wherever a root worker finds a {@code cgroup2} mount, with controllers or not (so also on a
 * hybrid host whose controllers are bound to v1), in a cgroup it makes below its own and removes afterwards.
 */
class JobCgroupV2ProtocolOnKernelTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final SandboxLimits NO_CONTROLLER = SandboxLimits.of(Duration.ofSeconds(60), 1 << 20);

    private Path mount;
    private Path parent;
    private Process main;

    @BeforeEach
    void makeAParentCgroup() {
        Optional<CgroupMount> unified = CgroupMount.readAll(Path.of("/proc/self/mountinfo")).stream()
                .filter(m -> m.unified() && m.mountPoint().startsWith(JobCgroups.ROOT)).findFirst();
        assumeTrue(unified.isPresent(), "no cgroup2 mount under " + JobCgroups.ROOT + " in /proc/self/mountinfo");
        assumeTrue(UnixAccounts.effectiveUid() == 0, "making cgroups on the real kernel needs root");
        mount = unified.get().mountPoint();
        String own = JobCgroups.ownCgroups(Path.of("/proc/self/cgroup")).getOrDefault("", "/");
        parent = mount.resolve(own.substring(1)).resolve("resourcepool-test-" + ProcessHandle.current().pid());
        try {
            Files.createDirectory(parent);
        } catch (IOException e) {
            assumeTrue(false, "cannot make the cgroup " + parent + ": " + e);
        }
    }

    @AfterEach
    void removeIt() throws IOException {
        if (main != null) {
            main.destroyForcibly();
        }
        if (parent != null) {
            CgroupFiles.removeWhenEmpty(parent);
        }
    }

    @Test
    void theJobsProcessesAreInItsCgroupAndCgroupKillEndsADaemonThatLeftTheTree() throws Exception {
        assumeTrue(Files.exists(parent.resolve("cgroup.kill")), "this kernel (" + System.getProperty("os.version")
                + ") has no cgroup.kill: it came with Linux 5.14");
        JobCgroupV2 job = JobCgroupV2.create(new JobCgroupV2.Parent(parent, Set.of("cgroup.kill", "cgroup.freeze")), "job-1-1", NO_CONTROLLER);

        List<Long> daemons = startWithADaemon(job);
        int signalled = job.killAll(main.toHandle());

        assertThat(signalled).isGreaterThanOrEqualTo(2);
        assertThat(ProcessTable.awaitTrue(() -> daemons.stream().allMatch(pid -> ProcessHandle.of(pid).isEmpty()), PATIENCE))
                .as("the setsid daemon %s died", daemons).isTrue();
        job.release();
        assertThat(job.directory()).as("the job's cgroup is removed").doesNotExist();
    }

    @Test
    void withoutCgroupKillFreezingAndSigkillEndADaemonThatLeftTheTree() throws Exception {
        assumeTrue(Files.exists(parent.resolve("cgroup.freeze")), "this kernel (" + System.getProperty("os.version")
                + ") has no cgroup.freeze: it came with Linux 5.2");
        JobCgroupV2 job = JobCgroupV2.create(new JobCgroupV2.Parent(parent, Set.of("cgroup.freeze")), "job-1-1", NO_CONTROLLER);

        List<Long> daemons = startWithADaemon(job);
        job.killAll(main.toHandle());

        assertThat(ProcessTable.awaitTrue(() -> daemons.stream().allMatch(pid -> ProcessHandle.of(pid).isEmpty()), PATIENCE))
                .as("the setsid daemon %s died", daemons).isTrue();
        assertThat(job.directory().resolve("cgroup.freeze")).as("thawed").hasContent("0\n");
        job.release();
        assertThat(job.directory()).doesNotExist();
    }

    /** Starts the job, whose shell leaves a setsid daemon behind; returns the pids in its cgroup but the main one. */
    private List<Long> startWithADaemon(JobCgroupV2 job) throws Exception {
        String script = "(setsid sleep 1234 > /dev/null 2>&1 < /dev/null &); sed -n 's/^0:://p' /proc/self/cgroup; exec sleep 600";
        main = new ProcessBuilder(job.enter(List.of("/bin/sh", "-c", script))).redirectErrorStream(true).start();
        String ownCgroup = main.inputReader().readLine();
        assertThat(mount.resolve(ownCgroup.substring(1))).as("the job's shell is in its cgroup").isEqualTo(job.directory());
        assertThat(ProcessTable.awaitTrue(() -> CgroupFiles.pids(job.directory()).size() >= 2, PATIENCE))
                .as("the daemon is in the job's cgroup").isTrue();
        return CgroupFiles.pids(job.directory()).stream().filter(pid -> pid != main.pid()).toList();
    }
}
