package io.resourcepool.core.sandbox;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.spi.sandbox.ExitStatus;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.api.spi.sandbox.OutputSink;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import io.resourcepool.api.spi.sandbox.Termination;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What holds one job's container: its name. Killing it removes the container ({@code podman rm --force --time 0}),
 * which ends every process in its PID namespace, and then the {@code podman run} process; the container's
 * processes are not podman's children (conmon is), so killing podman alone would leave them running. It also
 * listens to the end of standard error, where podman says why it could not start a container, to tell such a
 * failure (exit codes 125 to 127) from a command that chose those codes itself.
 *
 * <p>When podman's first words are that it could not connect to the container's attach socket, the container was
 * never started (podman attaches before it starts): those words are held back from the job's output and the run
 * {@linkplain #lostAttachRace() says so}, for {@link OciStart} to start another container.
 *
 * <p>Podman 4.3 with runc on cgroup v1 does not record an out-of-memory kill ({@code State.OOMKilled} stays false),
 * so a job killed by SIGKILL under a memory limit, and not by the sandbox, is reported as having exceeded it.
 */
final class OciRun implements Containment, OutputSink {
    private static final int SIGKILL_EXIT = 137;
    private static final int STDERR_KEPT = 4096;
    private static final String ATTACH_FAILED = "failed to connect to container's attach socket";

    private final Podman podman;
    private final String container;
    private final String image;
    private final String program;
    private final SandboxLimits limits;
    private final OutputSink output;
    private final ByteRing stderrTail = new ByteRing(STDERR_KEPT);
    private final AtomicBoolean killed = new AtomicBoolean();
    private final AtomicBoolean heard = new AtomicBoolean();
    private volatile boolean attachFailed;
    private volatile boolean lostAttachRace;

    OciRun(Podman podman, String container, String image, String program, SandboxLimits limits, OutputSink output) {
        this.podman = podman;
        this.container = container;
        this.image = image;
        this.program = program;
        this.limits = limits;
        this.output = output;
    }

    @Override
    public void accept(OutputChannel channel, Bytes chunk) {
        if (channel == OutputChannel.STDERR) {
            stderrTail.append(chunk);
        }
        if (!heard.getAndSet(true) && channel == OutputChannel.STDERR && chunk.asUtf8().startsWith("Error: " + ATTACH_FAILED)) {
            attachFailed = true;
            return;
        }
        output.accept(channel, chunk);
    }

    /**
     * Whether podman exited without starting the container because it could not attach to it: nothing of the job ran,
     * and another container may be started for it. Known once the run has been judged.
     *
     * @return true when podman lost its race to the attach socket
     */
    boolean lostAttachRace() {
        return lostAttachRace;
    }

    @Override
    public List<String> enter(List<String> line) {
        return line;
    }

    @Override
    public SandboxLimits rlimits() {
        return limits;
    }

    @Override
    public int killAll(ProcessHandle root) {
        killed.set(true);
        podman.remove(container);
        return ProcessTree.kill(root);
    }

    @Override
    public boolean holdsEveryProcess() {
        // the container's PID namespace ends with its first process, and --rm removes it: nothing to do after
        return false;
    }

    @Override
    public ExitStatus judge(int exitCode, boolean outputTruncated) {
        String said = stderrTail.last().asUtf8();
        if (exitCode == 125 && attachFailed && !killed.get()) {
            lostAttachRace = true;
            return failedToStart(exitCode, outputTruncated, "podman could not attach to the container of image " + image + " to start it: "
                    + podmanError(said));
        }
        if (exitCode == 127 && (said.contains("executable file not found") || said.contains("command that was not found"))) {
            return failedToStart(exitCode, outputTruncated, "'" + program + "' was not found in image " + image);
        }
        if (exitCode == 126 && said.contains("OCI runtime")) {
            return failedToStart(exitCode, outputTruncated, "'" + program + "' cannot be run in image " + image + ": " + podmanError(said));
        }
        if (exitCode == 125 && said.contains("Error: ")) {
            return failedToStart(exitCode, outputTruncated, "podman could not run image " + image + ": " + podmanError(said));
        }
        if (exitCode == SIGKILL_EXIT && limits.memoryBytes() > 0 && limits.cpuTime().isZero()) {
            return new ExitStatus(Termination.LIMIT_EXCEEDED, exitCode, outputTruncated, "killed under its memory limit of "
                    + limits.memoryBytes() + " bytes: it exceeded it (podman does not tell an out-of-memory kill from another SIGKILL)");
        }
        return KernelLimits.judge(limits, exitCode, outputTruncated);
    }

    @Override
    public void release() {
        // a container whose podman was killed may still exist: it must not outlive the job
        if (killed.get()) {
            podman.remove(container);
        }
    }

    private static ExitStatus failedToStart(int exitCode, boolean outputTruncated, String why) {
        return new ExitStatus(Termination.FAILED_TO_START, exitCode, outputTruncated, "cannot start: " + why);
    }

    private static String podmanError(String stderr) {
        int at = stderr.lastIndexOf("Error: ");
        String line = stderr.substring(at + "Error: ".length()).lines().findFirst().orElse("").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
