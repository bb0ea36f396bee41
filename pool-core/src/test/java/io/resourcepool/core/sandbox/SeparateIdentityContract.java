package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.api.spi.sandbox.SandboxProcess;
import io.resourcepool.api.spi.sandbox.SandboxRequest;
import io.resourcepool.testkit.sandbox.ProcessTable;
import io.resourcepool.testkit.sandbox.RecordingOutputSink;
import io.resourcepool.testkit.sandbox.SandboxHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A job reaches nothing but its own work", checked with real processes on a worker data directory laid out as a
 * worker lays it out: {@code DATA/tls/worker-key.pem} (0600, in a 0700 directory) and work directories
 * {@code DATA/jobs/<random>} (0700). A sandbox that gives jobs an identity of their own extends this.
 */
@Timeout(60)
abstract class SeparateIdentityContract extends SandboxHarness {
    static final String FAKE_KEY = "-----BEGIN PRIVATE KEY----- fake worker key";

    @TempDir
    Path data;
    Path key;

    @BeforeEach
    final void workerDataDirectory() throws IOException {
        // as a root worker leaves it: passable, not listable, by the jobs' uids
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx--x--x"));
        Path tls = Files.createDirectory(data.resolve("tls"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        key = Files.writeString(tls.resolve("worker-key.pem"), FAKE_KEY);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(Files.createDirectory(data.resolve("jobs")), PosixFilePermissions.fromString("rwx--x--x"));
    }

    /** A fresh work directory as the worker makes it. */
    Path newWorkDirectory() throws IOException {
        byte[] name = new byte[16];
        ThreadLocalRandom.current().nextBytes(name);
        Path dir = Files.createDirectory(data.resolve("jobs").resolve(HexFormat.of().formatHex(name)));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }

    Run runIn(Path workDirectory, List<String> command) throws Exception {
        return run(new SandboxRequest(command, environment(), workDirectory, limits()));
    }

    @Test
    void aJobCannotReadTheWorkersKey() throws Exception {
        Run run = runIn(newWorkDirectory(), List.of("cat", key.toString()));

        assertThat(run.status().exitCode()).isNotZero();
        assertThat(run.output().stdout()).doesNotContain("fake worker key");
    }

    @Test
    void theWorkDirectoryIsHandedToTheJobsOwnUidAndStaysPrivate() throws Exception {
        Path work = newWorkDirectory();

        Run run = runIn(work, List.of("sh", "-c", "echo made > mine && id -u"));

        assertThat(run.status().exitCode()).as(run.output().stderr()).isZero();
        int uid = (Integer) Files.getAttribute(work.resolve("mine"), "unix:uid");
        assertThat(uid).isNotZero().isNotEqualTo(UnixAccounts.effectiveUid());
        assertThat(Files.getAttribute(work, "unix:uid")).isEqualTo(uid);
        assertThat(Files.getPosixFilePermissions(work)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void twoConcurrentJobsHaveDifferentUidsAndCannotReachEachOthersWork() throws Exception {
        Path first = newWorkDirectory();
        Path second = newWorkDirectory();
        String marker = sleepMarker();
        RecordingOutputSink firstOutput = new RecordingOutputSink();
        SandboxProcess running = sandbox.start(new SandboxRequest(List.of("sh", "-c", "echo secret-of-the-first > mine && echo ready && sleep " + marker),
                environment(), first, limits()), firstOutput);
        try {
            firstOutput.await(OutputChannel.STDOUT, out -> out.contains("ready"), PATIENCE);

            Run intruder = runIn(second, List.of("sh", "-c", "echo own > mine; cat " + first.resolve("mine") + "; touch " + first.resolve("intruder")
                    + "; ls " + first));

            assertThat(Files.getAttribute(second.resolve("mine"), "unix:uid")).isNotEqualTo(Files.getAttribute(first.resolve("mine"), "unix:uid"));
            assertThat(intruder.output().stdout()).doesNotContain("secret-of-the-first").doesNotContain("mine");
            assertThat(first.resolve("intruder")).doesNotExist();
        } finally {
            running.cancel();
            await(running);
        }
        assertGone(marker);
    }

    @Test
    void environmentValuesAreOnNoCommandLineWhileTheJobRuns() throws Exception {
        String secret = "secret-" + HexFormat.of().formatHex(new byte[] {(byte) ThreadLocalRandom.current().nextInt(), 7, 9, 11});
        String marker = sleepMarker();
        Map<String, String> environment = environment();
        environment.put("POOL_TEST_SECRET", secret);
        SandboxProcess running = sandbox.start(new SandboxRequest(List.of("sleep", marker), environment, newWorkDirectory(), limits()),
                new RecordingOutputSink());
        try {
            assertThat(ProcessTable.awaitTrue(() -> !ProcessTable.runningWith(marker).isEmpty(), Duration.ofSeconds(10))).isTrue();

            assertThat(commandLinesHolding(secret)).isEmpty();
            long sleeping = ProcessTable.runningWith(marker).get(0);
            assertThat(Files.readString(Path.of("/proc/" + sleeping + "/environ"))).as("the job still gets it").contains(secret);
        } finally {
            running.cancel();
            await(running);
        }
    }

    private static List<String> commandLinesHolding(String text) throws IOException {
        try (var entries = Files.list(Path.of("/proc"))) {
            return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).filter(p -> {
                try {
                    return Files.readString(p.resolve("cmdline")).contains(text);
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            }).map(Path::toString).toList();
        }
    }
}
