package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.spi.sandbox.ExitStatus;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import io.resourcepool.api.spi.sandbox.Termination;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's cgroup v2 file protocol, on a directory shaped like cgroupfs: what is written where, and what is read
 * back. Processes are real; the kernel's side (the files it would make and fill) is played by the test.
 */
class JobCgroupV2Test {
    private static final Set<String> EVERY_FILE = Set.of("memory.swap.max", "memory.oom.group", "cgroup.kill", "cgroup.freeze");
    private static final SandboxLimits LIMITS = new SandboxLimits(Duration.ofSeconds(60), Duration.ZERO, 96L << 20, 40, 1 << 20, 2);

    @TempDir
    Path parentDirectory;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatWasStarted() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void theJobsLimitsLandInTheV2FilesInTheirFormats() throws IOException {
        JobCgroupV2 job = JobCgroupV2.create(new JobCgroupV2.Parent(parentDirectory, EVERY_FILE), "job-1-1", LIMITS);

        Path directory = parentDirectory.resolve("job-1-1");
        assertThat(job.directory()).isEqualTo(directory);
        assertThat(directory.resolve("memory.max")).hasContent(Long.toString(96L << 20));
        assertThat(directory.resolve("memory.swap.max")).as("no escape into swap").hasContent("0");
        assertThat(directory.resolve("memory.oom.group")).as("the OOM killer ends the whole job").hasContent("1");
        assertThat(directory.resolve("pids.max")).hasContent("40");
        assertThat(directory.resolve("cpu.max")).as("two periods of CPU time per period").hasContent("200000 100000");
        assertThat(job.rlimits()).isEqualTo(new SandboxLimits(Duration.ofSeconds(60), Duration.ZERO, 0, 0, 1 << 20, 0));
    }

    @Test
    void filesTheKernelDoesNotHaveAreNotWrittenAndLimitsNotAskedForAreLeftAlone() throws IOException {
        JobCgroupV2.create(new JobCgroupV2.Parent(parentDirectory, Set.of()), "job-1-1", LIMITS.withProcesses(0));
        JobCgroupV2.create(new JobCgroupV2.Parent(parentDirectory, EVERY_FILE), "job-1-2", SandboxLimits.of(Duration.ZERO, 1));

        assertThat(parentDirectory.resolve("job-1-1/memory.max")).exists();
        assertThat(parentDirectory.resolve("job-1-1/memory.swap.max")).doesNotExist();
        assertThat(parentDirectory.resolve("job-1-1/memory.oom.group")).doesNotExist();
        assertThat(parentDirectory.resolve("job-1-1/pids.max")).doesNotExist();
        try (var written = Files.list(parentDirectory.resolve("job-1-2"))) {
            assertThat(written).isEmpty();
        }
    }

    @Test
    void theJobsFirstProcessEntersTheCgroupBeforeItsProgramRuns() throws Exception {
        JobCgroupV2 job = JobCgroupV2.create(new JobCgroupV2.Parent(parentDirectory, EVERY_FILE), "job-1-1", LIMITS);

        Process process = new ProcessBuilder(job.enter(List.of("/bin/sh", "-c", "echo $$"))).start();

        String programPid = new String(process.getInputStream().readAllBytes()).strip();
        assertThat(process.waitFor()).isZero();
        assertThat(programPid).isEqualTo(Long.toString(process.pid()));
        assertThat(job.directory().resolve("cgroup.procs")).as("the pid the program runs as").hasContent(programPid + "\n");
    }

    @Test
    void killWritesOneToCgroupKill() throws IOException {
        JobCgroupV2 job = JobCgroupV2.create(new JobCgroupV2.Parent(parentDirectory, EVERY_FILE), "job-1-1", LIMITS);
        Process main = start("sleep", "120");

        job.killAll(main.toHandle());

        assertThat(job.directory().resolve("cgroup.kill")).hasContent("1");
        assertThat(main.toHandle().onExit()).succeedsWithin(Duration.ofSeconds(30));
    }

    @Test
    void withoutCgroupKillEveryProcessListedIsKilledWhileTheCgroupIsFrozen() throws Exception {
        JobCgroupV2 job = JobCgroupV2.create(new JobCgroupV2.Parent(parentDirectory, Set.of("cgroup.freeze")), "job-1-1", LIMITS);
        Process main = start("sleep", "120");
        Process daemon = start("sleep", "121");
        Files.writeString(job.directory().resolve("cgroup.procs"), main.pid() + "\n" + daemon.pid() + "\n");

        int signalled = job.killAll(main.toHandle());

        assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).as("the process that was only in the cgroup died").isTrue();
        assertThat(signalled).isGreaterThanOrEqualTo(2);
        assertThat(job.directory().resolve("cgroup.freeze")).as("thawed again, so SIGKILL takes effect").hasContent("0");
        assertThat(job.directory().resolve("cgroup.kill")).doesNotExist();
    }

    @Test
    void anOomKillInMemoryEventsEndsTheJobOverItsLimit() throws IOException {
        JobCgroupV2 job = JobCgroupV2.create(new JobCgroupV2.Parent(parentDirectory, EVERY_FILE), "job-1-1", LIMITS);
        Files.writeString(job.directory().resolve("memory.events"), "low 0\nhigh 0\nmax 12\noom 1\noom_kill 0\n");
        ExitStatus beforeTheKill = job.judge(1, false);
        Files.writeString(job.directory().resolve("memory.events"), "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\noom_group_kill 1\n");

        ExitStatus status = job.judge(137, false);

        assertThat(beforeTheKill.termination()).isEqualTo(Termination.EXITED);
        assertThat(status.termination()).isEqualTo(Termination.LIMIT_EXCEEDED);
        assertThat(status.reason()).isEqualTo("exceeded its memory limit of " + (96L << 20) + " bytes: the kernel's out-of-memory killer ended it");
        assertThat(job.judge(0, false).termination()).as("a job that exited 0 ended by itself").isEqualTo(Termination.EXITED);
    }

    @Test
    void aForkRefusedAtThePidsLimitIsNamed() throws IOException {
        JobCgroupV2 job = JobCgroupV2.create(new JobCgroupV2.Parent(parentDirectory, EVERY_FILE), "job-1-1", LIMITS);
        Files.writeString(job.directory().resolve("pids.events"), "max 3\n");

        assertThat(job.judge(2, false).reason()).isEqualTo("reached its limit of 40 processes: a fork failed");
    }

    @Test
    void aJobLeftByAWorkerThatIsGoneIsKilledWhenTheNextWorkerFindsTheParent() throws Exception {
        Process gone = start("true");
        gone.waitFor();
        Process left = start("sleep", "120");
        Path orphan = Files.createDirectory(parentDirectory.resolve("job-" + gone.pid() + "-1"));
        Files.writeString(orphan.resolve("cgroup.procs"), left.pid() + "\n");
        Path alive = Files.createDirectory(parentDirectory.resolve("job-" + ProcessHandle.current().pid() + "-999999"));
        Files.writeString(alive.resolve("cgroup.procs"), left.pid() + "\n");

        JobCgroups.unified(new JobCgroupV2.Parent(parentDirectory, Set.of("cgroup.freeze")));

        assertThat(left.waitFor(30, TimeUnit.SECONDS)).as("the process left behind was killed").isTrue();
        assertThat(orphan.resolve("cgroup.freeze")).as("the orphan's cgroup was frozen to kill it").hasContent("0");
        assertThat(alive.resolve("cgroup.freeze")).as("a cgroup of a worker that is alive is left alone").doesNotExist();
    }

    private Process start(String... command) throws IOException {
        Process process = new ProcessBuilder(command).start();
        started.add(process);
        return process;
    }
}
