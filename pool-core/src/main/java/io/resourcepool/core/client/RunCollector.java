package io.resourcepool.core.client;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.FrameException;
import io.resourcepool.api.FrameException.Reason;
import io.resourcepool.api.JobId;
import io.resourcepool.api.JobState;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.PoolException;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.api.spi.sandbox.OutputSink;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.Message;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.LongFunction;

/**
 * Follows one job: passes output on as it comes, keeps it (unless told not to), and completes with the result. Fed by
 * a {@link HubLink}'s reader for a {@link PoolClient}, or by the hub's relay for a caller of its typed door.
 */
public final class RunCollector implements JobListener {
    private final OutputSink live;
    private final boolean keep;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final CompletableFuture<RunResult> done = new CompletableFuture<>();
    private volatile Optional<NodeId> node = Optional.empty();
    private volatile String jobId = "";

    /**
     * A collector that keeps the output it passes on.
     *
     * @param live receives each chunk of output as it arrives; must not block
     */
    public RunCollector(OutputSink live) {
        this(live, true);
    }

    /**
     * A collector that keeps the output it passes on only when {@code keep} is true.
     *
     * @param live receives each chunk of output as it arrives; must not block
     * @param keep whether to keep the output for the result
     */
    public RunCollector(OutputSink live, boolean keep) {
        this.live = live;
        this.keep = keep;
    }

    CompletableFuture<RunResult> done() {
        return done;
    }

    /**
     * Sends a request that starts or follows a job on the link, and waits for the job's end.
     *
     * @param link the client's link to the hub
     * @param request the RUN or FOLLOW to send, given its request id
     * @return how the job ended, with the output kept
     */
    RunResult await(HubLink link, LongFunction<? extends Message> request) {
        link.runJob(request, this);
        return await();
    }

    /**
     * Waits for the job's end.
     *
     * @return how the job ended, with the output kept
     * @throws PoolException when the follow failed: the follower was dropped, the hub refused, the link broke
     */
    public RunResult await() {
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting for the job", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof PoolException p ? p : new PoolException("the job failed", e.getCause());
        }
    }

    @Override
    public void accepted(JobMessage.Accepted accepted) {
        node = accepted.node().isEmpty() ? Optional.empty() : Optional.of(NodeId.of(accepted.node()));
        jobId = accepted.jobId();
    }

    @Override
    public void output(OutputChannel channel, Bytes data) {
        if (keep) {
            synchronized (this) {
                data.writeTo(channel == OutputChannel.STDOUT ? stdout : stderr);
            }
        }
        live.accept(channel, data);
    }

    @Override
    public void result(JobMessage.Result result) {
        Optional<Integer> exit = result.exited() ? Optional.of(result.exitCode()) : Optional.empty();
        synchronized (this) {
            done.complete(new RunResult(JobId.parse(result.jobId()), node, JobState.valueOf(result.state()), exit,
                    Bytes.copyOf(stdout.toByteArray()), Bytes.copyOf(stderr.toByteArray()), result.outputTruncated(), result.reason()));
        }
    }

    /**
     * Ends the wait with the failure. A connection lost once the job was accepted does not stop the job (the hub cuts
     * off a client that stopped reading, after its write timeout): the failure then says how to reattach.
     */
    @Override
    public void failed(RuntimeException failure) {
        String id = jobId;
        done.completeExceptionally(lostConnection(failure) && !id.isEmpty()
                ? new TransportException(failure.getMessage() + "; `pool logs --follow " + id + "` reattaches to job " + id
                        + " (a client that leaves does not stop it)", failure)
                : failure);
    }

    /**
     * Whether the connection itself broke. A hub that cuts off a client past its write timeout often does so part way
     * through a frame, which the client reads as a truncated frame rather than as a closed connection.
     */
    private static boolean lostConnection(RuntimeException failure) {
        return failure instanceof TransportException
                || failure instanceof FrameException frame && (frame.reason() == Reason.TRUNCATED || frame.reason() == Reason.DEADLINE);
    }
}
