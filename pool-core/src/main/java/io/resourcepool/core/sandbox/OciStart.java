package io.resourcepool.core.sandbox;

import io.resourcepool.api.SandboxException;
import io.resourcepool.api.spi.sandbox.ExitStatus;
import io.resourcepool.api.spi.sandbox.SandboxProcess;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job's container, started again when podman lost its race to attach to it. {@code podman run} connects to
 * conmon's attach socket before it starts the container, and under load that connection sometimes finds no socket
 * ("failed to connect to container's attach socket"): podman then exits 125 and the job's command never ran, so a
 * fresh container (a new name, the same request) is started, at most {@link #ATTEMPTS} times in all. Every other
 * ending, and a cancel, is final.
 */
final class OciStart implements SandboxProcess {
    private static final Logger LOG = LoggerFactory.getLogger(OciStart.class);
    /** How many containers one job may be given when each loses the race. */
    static final int ATTEMPTS = 3;

    /** One container started for the job, and the run that tells whether podman lost the race. */
    record Attempt(SandboxProcess process, OciRun run) {
    }

    private final Supplier<Attempt> launcher;
    private final CompletableFuture<ExitStatus> completion = new CompletableFuture<>();
    private volatile Attempt current;
    private volatile boolean cancelled;

    private OciStart(Supplier<Attempt> launcher) {
        this.launcher = launcher;
    }

    /**
     * Starts the first container.
     *
     * @param launcher starts one container for the job; may throw {@link SandboxException}
     * @return the job's process, across its attempts
     * @throws SandboxException when the first container cannot be started
     */
    static OciStart begin(Supplier<Attempt> launcher) {
        OciStart start = new OciStart(launcher);
        start.follow(launcher.get(), 1);
        return start;
    }

    private void follow(Attempt attempt, int number) {
        current = attempt;
        if (cancelled) {
            attempt.process().cancel();
        }
        attempt.process().completion().thenAccept(status -> {
            if (!attempt.run().lostAttachRace() || number >= ATTEMPTS || cancelled) {
                completion.complete(status);
                return;
            }
            LOG.info("podman could not attach to a job's container before starting it; starting another (attempt {} of {})", number + 1, ATTEMPTS);
            try {
                follow(launcher.get(), number + 1);
            } catch (SandboxException e) {
                LOG.warn("could not start another container for the job: {}", e.getMessage());
                completion.complete(status);
            }
        });
    }

    @Override
    public CompletableFuture<ExitStatus> completion() {
        return completion;
    }

    @Override
    public void cancel() {
        cancelled = true;
        current.process().cancel();
    }
}
