package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resourcepool.api.spi.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a root worker's job costs to start, and where it is from its first instruction: in its cgroup and under its
 * own uid. Through the launch helper the job's program is the only program started (not even the JDK's
 * {@code jspawnhelper}, which a bare {@code ProcessBuilder} start runs); without it, {@code setpriv} is started
 * before it. The programs are counted by tracing {@code execve} with {@code strace}: from the helper, or from the
 * starting thread.
 */
class ProcessSandboxStartTest extends io.resourcepool.testkit.sandbox.SandboxHarness {
    private static final Path STRACE = Path.of("/usr/bin/strace");
    private static final Pattern EXECVE = Pattern.compile("execve\\(\"([^\"]+)\".*\\) = 0$");

    @Override
    protected Sandbox newSandbox() {
        return new ProcessSandbox();
    }

    @BeforeEach
    void needsARootWorkerWithCgroups() {
        assumeTrue(UnixAccounts.effectiveUid() == 0, "only a root worker switches users: run the tests as root");
        assumeTrue(JobCgroups.find(JobCgroups.ROOT).available(), "this machine gives the worker no per-job cgroups");
    }

    @Test
    void theJobIsInItsCgroupAndUnderItsUidFromItsFirstInstruction() throws Exception {
        // cat's first act reads what it was given at exec: the cgroups and uids it was started with
        Run run = run(List.of("cat", "/proc/self/cgroup", "/proc/self/status"));

        assertThat(run.status().exitCode()).as(run.output().stderr()).isZero();
        List<String> lines = run.output().stdout().lines().toList();
        for (String controller : JobCgroups.CONTROLLERS) {
            assertThat(lines).as(controller).anyMatch(line -> line.matches("\\d+:([a-z_]+,)*" + controller + "(,[a-z_]+)*:.*/"
                    + JobCgroups.PARENT + "/job-\\d+-\\d+"));
        }
        String uids = lines.stream().filter(line -> line.startsWith("Uid:")).findFirst().orElseThrow();
        assertThat(uids.split("\\s+")).hasSize(5).allSatisfy(uid -> assertThat(uid).isNotEqualTo("0"));
    }

    @Test
    void throughTheLaunchHelperTheJobsProgramIsTheOnlyOneStarted() throws Exception {
        long helper = LaunchHelperTesting.requireHelper().current().process().pid();

        assertThat(programsStartedWhileRunningTrue(Long.toString(helper), sandbox)).containsExactly("true");
    }

    @Test
    void withoutTheLaunchHelperTheJobCostsSetprivBesideItsOwn() throws Exception {
        Sandbox withSetpriv = new ProcessSandbox(JobUidRange.DEFAULT_RANGE, KernelLimits.PRLIMIT, JobLimitSettings.DEFAULT, false);
        String thread = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();

        List<String> programs = programsStartedWhileRunningTrue(thread, withSetpriv);

        // beside the JDK's launch helper, which a bare ProcessBuilder start runs too: the user switch and the job,
        // no shell to enter the cgroup, no env
        assertThat(programs.stream().filter(program -> !program.equals("jspawnhelper")).toList()).containsExactly("setpriv", "true");
    }

    /** The programs {@code task} and its children started while {@code sandbox} ran {@code true}, by name. */
    private List<String> programsStartedWhileRunningTrue(String task, Sandbox sandbox) throws Exception {
        assumeTrue(Files.isExecutable(STRACE), "the execs are counted with strace: install it (Debian: apt-get install strace)");
        Path trace = workDirectory.resolveSibling(workDirectory.getFileName() + ".trace");
        Process strace = new ProcessBuilder(STRACE.toString(), "-f", "-qq", "-e", "trace=execve", "-o", trace.toString(), "-p", task)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            org.awaitility.Awaitility.await().atMost(PATIENCE).until(() -> tracer(task) != 0);
            var process = sandbox.start(new io.resourcepool.api.spi.sandbox.SandboxRequest(List.of("true"), environment(), workDirectory, limits()),
                    (channel, chunk) -> { });
            assertThat(process.completion().get(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).exitCode()).isZero();
        } finally {
            strace.destroy();
            strace.waitFor();
        }
        return Files.readAllLines(trace).stream().map(EXECVE::matcher).filter(Matcher::find)
                .map(m -> Path.of(m.group(1)).getFileName().toString()).toList();
    }

    @Test
    void noThreadOfTheWorkerStaysInAJobsCgroupAndEveryJobsCgroupIsRemoved() throws Exception {
        // jobs at once, so that the JDK makes new process reaper threads while a start is under way
        List<java.util.concurrent.Future<Run>> runs = new java.util.ArrayList<>();
        try (var starters = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 16; i++) {
                Path work = newWorkDirectory("concurrent-" + i);
                runs.add(starters.submit(() -> run(new io.resourcepool.api.spi.sandbox.SandboxRequest(List.of("sleep", "0.2"), environment(),
                        work, limits()))));
            }
            for (var run : runs) {
                assertThat(run.get().status().exitCode()).isZero();
            }
        }

        try (var threads = Files.list(Path.of("/proc/self/task"))) {
            for (Path thread : threads.toList()) {
                assertThat(cgroupsOf(thread)).as("thread %s", thread.getFileName()).doesNotContain("/" + JobCgroups.PARENT + "/job-");
            }
        }
        Path parent = JobCgroups.find(JobCgroups.ROOT).parent("freezer").orElseThrow();
        try (var left = Files.list(parent)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("job-" + ProcessHandle.current().pid() + "-"));
        }
    }

    /** A thread's cgroups; none for one that ended since it was listed. */
    private static String cgroupsOf(Path thread) throws java.io.IOException {
        try {
            return Files.readString(thread.resolve("cgroup"));
        } catch (java.nio.file.NoSuchFileException e) {
            return "";
        }
    }

    private static int tracer(String thread) throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc", thread, "status")).stream()
                .filter(line -> line.startsWith("TracerPid:")).map(line -> Integer.parseInt(line.substring(10).strip()))
                .findFirst().orElse(0);
    }
}
