package io.resourcepool.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.JobId;
import io.resourcepool.api.JobSpec;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.Role;
import io.resourcepool.api.Secret;
import io.resourcepool.api.spi.store.JobQuery;
import io.resourcepool.core.client.JobInfo;
import io.resourcepool.core.client.PoolClient;
import io.resourcepool.launcher.client.SavedSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Detached jobs against a real pool with one worker: through the client API, and through the CLI in process. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DetachedJobsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private Path dir;
    private LivePool pool;
    private NodeId worker;
    private PoolClient carol;

    private record Outcome(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    @BeforeAll
    void startPoolWithOneWorker(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        pool = new LivePool(dir, Map.of());
        worker = pool.enrollWorker("alpha");
        try (PoolClient admin = pool.admin()) {
            admin.admin().addUser("carol", Role.COMPUTE_USER, Secret.of("carol-password"));
        }
        try (PoolClient login = pool.connect().login("carol", Secret.of("carol-password"))) {
            new SavedSession("127.0.0.1:" + pool.hub.address().getPort(), pool.hub.caFingerprint(), "carol",
                    login.sessionToken().orElseThrow()).write(dir.resolve("session-carol"));
        }
    }

    @BeforeEach
    void connectCarol() {
        carol = pool.connect().login("carol", Secret.of("carol-password"));
    }

    @AfterEach
    void disconnectCarol() {
        carol.close();
    }

    @AfterAll
    void stopPool() {
        pool.close();
    }

    @Test
    void aRunningDetachedJobIsListedThenCancelled() {
        JobId id = carol.submit(JobSpec.of("sh", "-c", "echo started; sleep 30"));
        JobInfo running = awaitJob(id, j -> j.state() == JobState.RUNNING && j.outputTail().asUtf8().equals("started\n"));
        assertThat(running.node()).contains(worker);
        assertThat(carol.jobs(JobQuery.inState(JobState.RUNNING, 50))).extracting(JobInfo::id).contains(id);

        carol.cancel(id);
        JobInfo cancelled = awaitJob(id, j -> j.state().isFinal());
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        assertThat(cancelled.outputTail().asUtf8()).isEqualTo("started\n");
    }

    @Test
    void aDetachedJobSucceedsWithoutAnyoneWatchingAndKeepsItsOutput() {
        JobId id;
        try (PoolClient submitter = pool.connect().login("carol", Secret.of("carol-password"))) {
            id = submitter.submit(JobSpec.of("echo", "hi"));
        }
        JobInfo done = awaitJob(id, j -> j.state().isFinal());
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.exitCode()).contains(0);
        assertThat(done.outputTail().asUtf8()).isEqualTo("hi\n");
        assertThat(done.finishedAt()).isPresent();
    }

    @Test
    void submitPrintsTheIdAndJobShowsTheResultAndOutput() {
        Outcome submitted = pool("submit", "--", "sh", "-c", "echo from the cli");
        assertThat(submitted.exitCode()).as(submitted.toString()).isZero();
        JobId id = JobId.parse(submitted.out().strip());
        awaitJob(id, j -> j.state().isFinal());

        Outcome shown = pool("job", id.toString());
        assertThat(shown.exitCode()).as(shown.toString()).isZero();
        assertThat(shown.out()).contains("state      SUCCEEDED", "exit code  0", "node       " + worker, "from the cli\n");

        Outcome listed = pool("jobs", "--state", "succeeded", "--user", "carol");
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(listed.out().lines().toList().getFirst()).contains("JOB", "OWNER", "STATE", "COMMAND");
        assertThat(listed.out()).contains(id.toString()).doesNotContain("RUNNING");

        Outcome tooLate = pool("cancel", id.toString());
        assertThat(tooLate.exitCode()).as(tooLate.toString()).isEqualTo(1);
        assertThat(tooLate.err()).contains("job " + id + " already ended SUCCEEDED");
    }

    @Test
    void cancelStopsARunningJobFromTheCommandLine() {
        Outcome submitted = pool("submit", "--node", worker.value(), "--timeout", "2m", "--", "sh", "-c", "echo started; sleep 30");
        assertThat(submitted.exitCode()).as(submitted.toString()).isZero();
        JobId id = JobId.parse(submitted.out().strip());
        awaitJob(id, j -> j.state() == JobState.RUNNING && !j.outputTail().isEmpty());

        Outcome cancelled = pool("cancel", id.toString());
        assertThat(cancelled.exitCode()).as(cancelled.toString()).isZero();
        assertThat(cancelled.out()).contains("cancel requested for job " + id);
        assertThat(awaitJob(id, j -> j.state().isFinal()).state()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void aClientThatDisconnectedReattachesWithLogsFollowAndSeesTheRestAndTheExitCode() throws Exception {
        Path gates = Files.createTempDirectory("pool-gate");
        Files.setPosixFilePermissions(gates, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path gate = gates.resolve("open");
        JobId id;
        try (PoolClient submitter = pool.connect().login("carol", Secret.of("carol-password"))) {
            id = submitter.submit(JobSpec.of("sh", "-c", "echo one; while [ ! -e " + gate + " ]; do sleep 0.05; done; echo two; exit 3"));
        }
        awaitJob(id, j -> j.state() == JobState.RUNNING && j.outputTail().asUtf8().equals("one\n"));

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> following = CompletableFuture.supplyAsync(() -> pool(out, err, "logs", "--follow", id.toString()));
        awaitText(out, "one\n");
        Files.createFile(gate);

        assertThat(following.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as(err.toString()).isEqualTo(3);
        assertThat(out.toString()).isEqualTo("one\ntwo\n");
        assertThat(err.toString()).isEmpty();

        Outcome afterwards = pool("logs", id.toString());
        assertThat(afterwards.exitCode()).as(afterwards.toString()).isZero();
        assertThat(afterwards.out()).isEqualTo("one\ntwo\n");
        Outcome followedLate = pool("logs", "-f", id.toString());
        assertThat(followedLate.exitCode()).as(followedLate.toString()).isEqualTo(3);
        assertThat(followedLate.out()).isEqualTo("one\ntwo\n");
        Files.delete(gate);
        Files.delete(gates);
    }

    @Test
    void submitTakesTheJobsWorkingDirectoryAndLimits() {
        Outcome submitted = pool("submit", "--workdir", "src/main", "--memory", "256m", "--cpus", "1", "--retries", "1",
                "--output-cap", "64k", "--", "pwd");
        assertThat(submitted.exitCode()).as(submitted.toString()).isZero();

        JobInfo done = awaitJob(JobId.parse(submitted.out().strip()), j -> j.state().isFinal());

        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.outputTail().asUtf8()).endsWith("/src/main\n");
    }

    @Test
    void badJobFlagsAreRefusedNamingTheFlag() {
        Map<List<String>, String> refusals = Map.of(
                List.of("--memory", "lots"), "--memory 'lots' is not a size such as 512m, 2g or 65536 (bytes)",
                List.of("--output-cap", "0"), "--output-cap must be more than 0 bytes",
                List.of("--cpus", "-1"), "--cpus must not be negative, was -1",
                List.of("--retries", "-2"), "--retries must not be negative, was -2",
                List.of("--workdir", "../up"), "--workdir: workingDirectory '../up' must be names separated by single '/'",
                List.of("--workdir", "/etc"), "--workdir: workingDirectory '/etc' must be relative to the job's work directory");
        refusals.forEach((flags, message) -> {
            List<String> line = new ArrayList<>(List.of("submit"));
            line.addAll(flags);
            line.addAll(List.of("--", "true"));

            Outcome refused = pool(line.toArray(String[]::new));

            assertThat(refused.exitCode()).as(refused.toString()).isNotZero();
            assertThat(refused.err()).as(flags.toString()).contains(message);
        });
    }

    @Test
    void anUnknownJobIsNotFound() {
        Outcome shown = pool("job", JobId.random().toString());
        assertThat(shown.exitCode()).as(shown.toString()).isEqualTo(1);
        assertThat(shown.err()).contains("does not exist");
    }

    private JobInfo awaitJob(JobId id, Predicate<JobInfo> condition) {
        return LivePool.awaitJob(carol, id, PATIENCE, condition);
    }

    /** Waits, with a deadline, until a command running on another thread has printed the text. */
    private static void awaitText(StringWriter out, String text) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!out.toString().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("'" + text + "' was not printed within " + PATIENCE + "; printed so far: " + out);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** Runs {@code pool ARGS} in process with carol's saved session. */
    private Outcome pool(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = pool(out, err, args);
        return new Outcome(code, out.toString(), err.toString());
    }

    /** Runs {@code pool ARGS} in process with carol's saved session, printing into the writers given. */
    private int pool(StringWriter out, StringWriter err, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        int dashes = all.indexOf("--");
        all.addAll(dashes < 0 ? all.size() : dashes, List.of("--set", "client.session-file=" + dir.resolve("session-carol")));
        String[] line = all.toArray(String[]::new);
        return PoolCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), line).execute(line);
    }
}
