package io.resourcepool.core.hub;

import io.resourcepool.api.JobId;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.TransportException;
import io.resourcepool.core.protocol.ControlMessage;
import io.resourcepool.core.protocol.ErrorCode;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.Message;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Carries one job's progress to one follower, in order (ACCEPTED, output, RESULT), through a buffer bounded in
 * bytes and drained by a virtual thread of its own. Whoever reports progress (a worker's connection, the journal)
 * only enqueues, and never waits on a client: a client that stops reading holds up its own relay and nothing else.
 * A follower whose buffer would overflow is dropped: what it has not been sent is let go, it is told so with an
 * {@link ErrorCode#OUTPUT_DROPPED} ERROR for its request, and its relay ends; the job runs on, its tail and result
 * reach the store as always. A client that has gone away ends the relay as well.
 */
final class FollowerRelay implements JobWatcher {
    /** What a message costs besides its output bytes: a generous bound on its header, fields and object. */
    private static final long OVERHEAD_BYTES = 256;
    /** How often an idle relay checks that its client is still there, so a silent job does not keep it for ever. */
    private static final Duration IDLE_CHECK = Duration.ofSeconds(10);

    private final FollowerLine line;
    private final long requestId;
    private final boolean acceptanceOnly;
    private final RelayBuffers buffers;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final ArrayDeque<Message> queue = new ArrayDeque<>();
    private long queuedBytes;
    private long inFlightBytes;
    private boolean lastQueued;
    private boolean over;
    private String jobId = "";
    private Thread drain;

    FollowerRelay(FollowerLine line, long requestId, boolean acceptanceOnly, RelayBuffers buffers) {
        this.line = line;
        this.requestId = requestId;
        this.acceptanceOnly = acceptanceOnly;
        this.buffers = buffers;
    }

    @Override
    public void accepted(JobId job, Optional<NodeId> node) {
        lock.lock();
        try {
            jobId = job.toString();
        } finally {
            lock.unlock();
        }
        offer(new JobMessage.Accepted(requestId, job.toString(), node.map(NodeId::value).orElse("")), acceptanceOnly);
    }

    @Override
    public void output(JobMessage.Output chunk) {
        if (!acceptanceOnly) {
            offer(chunk, false);
        }
    }

    @Override
    public void result(JobMessage.Result result) {
        if (!acceptanceOnly) {
            offer(result, true);
        }
    }

    /** True once nothing more will be sent: the last message is queued or sent, the follower was dropped, or it left. */
    @Override
    public boolean ended() {
        lock.lock();
        try {
            return lastQueued || over;
        } finally {
            lock.unlock();
        }
    }

    private void offer(Message message, boolean last) {
        long size = sizeOf(message);
        lock.lock();
        try {
            if (lastQueued || over) {
                return;
            }
            // room is kept for the notice, so a follower's buffer never holds more than its budget
            if (queuedBytes + size > buffers.perFollowerBytes() - OVERHEAD_BYTES) {
                drop();
            } else {
                queue.add(message);
                queuedBytes += size;
                buffers.held(size);
                lastQueued = last;
            }
            if (drain == null) {
                drain = Thread.ofVirtual().name("hub-relay-" + line.address() + "-" + requestId).start(this::drain);
            }
            ready.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Lets go of what was not sent (the message on its way goes on) and queues the notice in its place. */
    private void drop() {
        long unsent = queuedBytes - inFlightBytes;
        queue.clear();
        queuedBytes = inFlightBytes;
        buffers.released(unsent);
        buffers.droppedOne();
        queuedBytes += OVERHEAD_BYTES;
        buffers.held(OVERHEAD_BYTES);
        queue.add(ControlMessage.Error.of(requestId, ErrorCode.OUTPUT_DROPPED, "output dropped: this client fell behind; `pool logs --follow "
                + jobId + "` resumes (the job runs on)"));
        lastQueued = true;
    }

    private void drain() {
        try {
            Optional<Message> next;
            while ((next = take()).isPresent()) {
                line.send(next.get());
                sent(next.get());
            }
        } catch (TransportException e) {
            // the client left or stopped reading until its connection was cut; the job runs on and its result is in the store
        } finally {
            end();
        }
    }

    /** The next message to send, or empty once the last one has been sent or the client has gone. */
    private Optional<Message> take() {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (lastQueued || over || !line.isOpen()) {
                    return Optional.empty();
                }
                ready.awaitNanos(IDLE_CHECK.toNanos());
            }
            Message next = queue.poll();
            inFlightBytes = sizeOf(next);
            return Optional.of(next);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    private void sent(Message message) {
        lock.lock();
        try {
            long size = sizeOf(message);
            queuedBytes -= size;
            inFlightBytes = 0;
            buffers.released(size);
        } finally {
            lock.unlock();
        }
    }

    private void end() {
        lock.lock();
        try {
            over = true;
            queue.clear();
            buffers.released(queuedBytes);
            queuedBytes = 0;
            inFlightBytes = 0;
        } finally {
            lock.unlock();
        }
    }

    private static long sizeOf(Message message) {
        return message instanceof JobMessage.Output output ? OVERHEAD_BYTES + output.data().size() : OVERHEAD_BYTES;
    }
}
