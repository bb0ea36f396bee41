package io.resourcepool.core.sandbox;

import io.resourcepool.api.spi.sandbox.ExitStatus;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import io.resourcepool.api.spi.sandbox.SandboxProcess;
import io.resourcepool.api.spi.sandbox.Termination;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One started command: reads its output, enforces its wall-time limit, kills its tree on timeout or cancel,
 * tells a death by kernel limit ({@link Containment#judge}) from an ordinary exit, and completes once the process has exited and its output has been read to the end.
 * A {@link Containment} that holds every process of the run (a cgroup) kills what is left as soon as the main
 * process has exited, and is released when the run completes.
 *
 * <p>Output written after the main process exited, by processes it left running, is heard only for a short
 * grace period, and not always: when the main process exits, the JDK drains and closes its end of the pipes
 * unless a reader is in the middle of a read at that moment. Either way the run completes at most
 * {@link #DRAIN_GRACE} after the main process exited, so a left-behind process that keeps the output open can
 * never hold it forever.
 */
final class ProcessRun implements SandboxProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessRun.class);
    /** How long output may stay open after the main process exited before the run completes without it. */
    static final Duration DRAIN_GRACE = Duration.ofSeconds(2);
    private static final int CHUNK_BYTES = 8 * 1024;

    private final Process process;
    private final OutputCap output;
    private final SandboxLimits limits;
    private final Containment containment;
    private final Executor threads;
    private final AtomicReference<Termination> stopped = new AtomicReference<>();
    private final CompletableFuture<Void> stdoutRead = new CompletableFuture<>();
    private final CompletableFuture<Void> stderrRead = new CompletableFuture<>();
    /** Both readers reached the end, or the grace period after the main process exited ran out. */
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private final CompletableFuture<ExitStatus> completion;

    private ProcessRun(Process process, OutputCap output, SandboxLimits limits, Containment containment, Executor threads) {
        this.process = process;
        this.output = output;
        this.limits = limits;
        this.containment = containment;
        this.threads = threads;
        CompletableFuture.allOf(stdoutRead, stderrRead).thenRun(() -> drained.complete(null));
        CompletableFuture<Process> exited = process.onExit();
        exited.thenRun(this::mainProcessEnded);
        // the run completes only once its containment is released (its uid given back, its cgroup removed), so that
        // whoever hears of the end finds nothing of the run left
        this.completion = exited
                .thenCombine(drained, (ended, ignored) -> {
                    output.finish();
                    return status();
                })
                .exceptionally(this::lostTrack)
                .whenComplete((status, failure) -> {
                    output.close();
                    containment.release();
                });
    }

    /**
     * Starts watching a process that has just been started.
     *
     * @param process the process
     * @param output where its output goes, capped
     * @param limits its limits: the wall time is enforced here
     * @param containment what holds its processes: kills them, and explains with the kernel limits how it ended
     * @param threads where the readers and the killer run
     * @return the run
     */
    static ProcessRun watch(Process process, OutputCap output, SandboxLimits limits, Containment containment, Executor threads) {
        ProcessRun run = new ProcessRun(process, output, limits, containment, threads);
        run.read(process.getInputStream(), OutputChannel.STDOUT, run.stdoutRead);
        run.read(process.getErrorStream(), OutputChannel.STDERR, run.stderrRead);
        if (!limits.wallTime().isZero()) {
            run.armTimer();
        }
        return run;
    }

    @Override
    public CompletableFuture<ExitStatus> completion() {
        return completion;
    }

    @Override
    public void cancel() {
        stop(Termination.CANCELLED);
    }

    private void armTimer() {
        // a future of our own, so that the JDK's shared delay scheduler drops the timer when the run completes
        CompletableFuture<Void> deadline = new CompletableFuture<>();
        completion.whenComplete((status, failure) -> deadline.complete(null));
        deadline.orTimeout(saturatedMillis(limits.wallTime()), TimeUnit.MILLISECONDS).whenComplete((v, failure) -> {
            if (failure instanceof TimeoutException) {
                // not on the JDK's delay thread: listing and killing a tree reads /proc
                threads.execute(() -> stop(Termination.TIMED_OUT));
            }
        });
    }

    private void stop(Termination why) {
        // once the main process has exited there is nothing left to kill that the kill could find, and the run
        // completes within the drain grace: it ended by itself, and says so
        if (!process.isAlive() || !stopped.compareAndSet(null, why)) {
            return;
        }
        int signalled = containment.killAll(process.toHandle());
        LOG.debug("process {} {}: signalled {} process(es)", process.pid(), why, signalled);
    }

    private void mainProcessEnded() {
        if (containment.holdsEveryProcess()) {
            // as in a PID namespace: what the command left running dies with it, and its output ends
            threads.execute(() -> containment.killAll(process.toHandle()));
        }
        limitDraining();
    }

    private void limitDraining() {
        drained.completeOnTimeout(null, DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS).thenRun(() -> {
            if (!stdoutRead.isDone() || !stderrRead.isDone()) {
                LOG.warn("output of process {} was still open {} after it ended: a process it left running holds it;"
                        + " completing without it", process.pid(), DRAIN_GRACE);
            }
        });
    }

    private void read(InputStream stream, OutputChannel channel, CompletableFuture<Void> done) {
        threads.execute(() -> {
            Thread reader = Thread.currentThread();
            String idleName = reader.getName();
            reader.setName("sandbox-" + process.pid() + "-" + channel.name().toLowerCase(Locale.ROOT));
            try (stream) {
                byte[] buffer = new byte[CHUNK_BYTES];
                // read returns what has arrived, so output is passed on as it comes, not at exit
                for (int n = stream.read(buffer); n >= 0; n = stream.read(buffer)) {
                    if (n > 0) {
                        output.offer(channel, buffer, n);
                    }
                }
            } catch (IOException e) {
                // the stream was closed under us: everything that arrived before was passed on
            } finally {
                reader.setName(idleName);
                done.complete(null);
            }
        });
    }

    private ExitStatus status() {
        Termination why = stoppedOrExited();
        if (why == Termination.EXITED) {
            return containment.judge(process.exitValue(), output.truncated());
        }
        // only a timeout and a cancel stop a run
        String reason = why == Termination.TIMED_OUT ? "timed out after " + describe(limits.wallTime()) : "cancelled";
        return new ExitStatus(why, process.exitValue(), output.truncated(), reason);
    }

    private ExitStatus lostTrack(Throwable failure) {
        LOG.error("watching process {} failed", process.pid(), failure);
        return new ExitStatus(stoppedOrExited(), process.isAlive() ? -1 : process.exitValue(), output.truncated(),
                "the sandbox lost track of the process: " + failure);
    }

    private Termination stoppedOrExited() {
        Termination why = stopped.get();
        return why == null ? Termination.EXITED : why;
    }

    private static long saturatedMillis(Duration duration) {
        try {
            return duration.toMillis();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Writes a duration the way configuration does: {@code 2s}, {@code 1500ms}, {@code 5m}, {@code 1h}. */
    static String describe(Duration duration) {
        long millis = saturatedMillis(duration);
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
