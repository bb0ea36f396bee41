package io.resourcepool.testkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import io.resourcepool.api.spi.sandbox.ExitStatus;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import io.resourcepool.api.spi.sandbox.SandboxProcess;
import io.resourcepool.api.spi.sandbox.SandboxRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every sandbox test needs: a fresh sandbox and a work directory any user may write to, before each test;
 * ways to run a command and wait for it; and checks that processes are gone. {@link SandboxContract} holds the
 * behaviour itself.
 */
public abstract class SandboxHarness {
    /** The {@code PATH} every command of the contract gets. */
    protected static final String PATH = "/usr/local/bin:/usr/bin:/bin";
    /** How long the contract waits for anything; a run that needs it has failed anyway. */
    protected static final Duration PATIENCE = Duration.ofSeconds(30);

    /** The sandbox of the running test. */
    protected Sandbox sandbox;
    /** The work directory of the running test; writable by any user. */
    protected Path workDirectory;

    @TempDir
    Path temporary;

    /**
     * Makes the sandbox under test. Called before each test.
     *
     * @return a sandbox
     */
    protected abstract Sandbox newSandbox();

    @BeforeEach
    final void prepare() throws IOException {
        assumeTrue(ProcessTable.available(), "the sandbox contract needs /proc");
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rwxr-xr-x"));
        // private, as a worker makes it: a sandbox that runs the job under another uid hands it over itself
        workDirectory = Files.createDirectory(temporary.resolve("work"));
        Files.setPosixFilePermissions(workDirectory, PosixFilePermissions.fromString("rwx------"));
        sandbox = newSandbox();
    }

    /**
     * The result of a run that was awaited.
     *
     * @param status how it ended
     * @param output what it wrote
     */
    protected record Run(ExitStatus status, RecordingOutputSink output) {}

    /**
     * Runs a command with {@link #environment()} and {@link #limits()} and waits for it.
     *
     * @param command the command
     * @return the result
     * @throws Exception when it does not complete in time
     */
    protected Run run(List<String> command) throws Exception {
        return run(command, environment(), limits());
    }

    /**
     * Runs a command and waits for it.
     *
     * @param command the command
     * @param environment its environment
     * @param limits its limits
     * @return the result
     * @throws Exception when it does not complete in time
     */
    protected Run run(List<String> command, Map<String, String> environment, SandboxLimits limits) throws Exception {
        RecordingOutputSink output = new RecordingOutputSink();
        return new Run(await(start(command, environment, limits, output)), output);
    }

    /**
     * Runs a request and waits for it.
     *
     * @param request the request
     * @return the result
     * @throws Exception when it does not complete in time
     */
    protected Run run(SandboxRequest request) throws Exception {
        RecordingOutputSink output = new RecordingOutputSink();
        return new Run(await(sandbox.start(request, output)), output);
    }

    /**
     * Starts a command in the test's work directory.
     *
     * @param command the command
     * @param environment its environment
     * @param limits its limits
     * @param output where its output goes
     * @return the running command
     */
    protected SandboxProcess start(List<String> command, Map<String, String> environment, SandboxLimits limits, RecordingOutputSink output) {
        return sandbox.start(new SandboxRequest(command, environment, workDirectory, limits), output);
    }

    /**
     * A fresh private work directory beside the test's own, as a worker makes one for each job: for runs at once,
     * which must not share one.
     *
     * @param name its name
     * @return the directory, 0700
     * @throws IOException when it cannot be made
     */
    protected Path newWorkDirectory(String name) throws IOException {
        return Files.createDirectory(temporary.resolve(name), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /**
     * Waits for a command to complete.
     *
     * @param process the command
     * @return how it ended
     * @throws InterruptedException when interrupted
     */
    protected static ExitStatus await(SandboxProcess process) throws InterruptedException {
        try {
            return process.completion().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            process.cancel();
            return fail("the command did not complete within " + PATIENCE);
        } catch (ExecutionException e) {
            return fail("completion() must never complete exceptionally", e.getCause());
        }
    }

    /**
     * The environment the contract's commands get: only {@code PATH}.
     *
     * @return a fresh, modifiable map
     */
    protected static Map<String, String> environment() {
        return new HashMap<>(Map.of("PATH", PATH));
    }

    /**
     * Generous limits: a minute and 1 MiB of output.
     *
     * @return the limits
     */
    protected static SandboxLimits limits() {
        return SandboxLimits.of(Duration.ofSeconds(60), 1 << 20);
    }

    /**
     * A {@code sleep} duration of a minute or so that no other process uses, so that the processes sleeping it can
     * be found in {@code /proc} by their command line.
     *
     * @return for example {@code 61.482913}
     */
    protected static String sleepMarker() {
        return "6" + ThreadLocalRandom.current().nextInt(10) + "." + (100_000 + ThreadLocalRandom.current().nextInt(900_000));
    }

    /**
     * Asserts that, within a few seconds, no process whose command line holds the marker is running.
     *
     * @param marker the marker
     */
    protected static void assertGone(String marker) {
        boolean gone = ProcessTable.awaitTrue(() -> ProcessTable.runningWith(marker).isEmpty(), Duration.ofSeconds(10));
        assertThat(gone).as("processes still running with '%s' in their command line: %s", marker,
                Arrays.toString(ProcessTable.runningWith(marker).toArray())).isTrue();
    }
}
