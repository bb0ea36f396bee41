package io.resourcepool.core.worker;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.JobId;
import io.resourcepool.api.TransportException;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.api.spi.sandbox.SandboxProcess;
import io.resourcepool.api.spi.store.JobRecord;
import io.resourcepool.core.client.HubLink;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.Message;
import io.resourcepool.core.protocol.WireTask;
import io.resourcepool.core.sandbox.ByteRing;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * One attempt of a job on this worker, from its start until the hub has its result durably. Its output and
 * result go to the hub while connected; while cut off, the last of its output is kept and its result waits, and
 * both are passed on when the hub takes the task back after the worker registers again.
 */
final class WorkerTask {
    /** Output kept per channel while the hub cannot be reached. */
    static final int UNDELIVERED_BYTES = 64 * 1024;

    private final JobId id;
    private final int attempt;
    private final Map<OutputChannel, ByteRing> undelivered = new EnumMap<>(OutputChannel.class);
    /** The last of the output sent to a hub, and how much in all: what a hub that missed some takes back. */
    private final ByteRing sent = new ByteRing(JobRecord.MAX_OUTPUT_TAIL_BYTES);
    private SandboxProcess process;
    /** A cancel came before the process was running: it is stopped as soon as it is. */
    private boolean cancelRequested;
    private HubLink link;
    private JobMessage.Result result;

    WorkerTask(JobId id, int attempt, Optional<HubLink> link) {
        this.id = id;
        this.attempt = attempt;
        this.link = link.orElse(null);
    }

    JobId id() {
        return id;
    }

    int attempt() {
        return attempt;
    }

    WireTask report() {
        return new WireTask(id.toString(), attempt);
    }

    synchronized void running(SandboxProcess started) {
        process = started;
        if (cancelRequested) {
            started.cancel();
        }
    }

    /** Passes a chunk on, or keeps the last of it while the hub cannot be reached. */
    synchronized void output(OutputChannel channel, Bytes chunk) {
        if (!sendOutput(channel, chunk)) {
            undelivered.computeIfAbsent(channel, c -> new ByteRing(UNDELIVERED_BYTES)).append(chunk);
        }
    }

    /** The task ended: its result goes to the hub now, or when it takes the task back. */
    synchronized void ended(JobMessage.Result ending) {
        result = ending;
        send(ending);
    }

    /**
     * The hub took the task back on a new connection: the copy of what was sent (for a hub that missed some), what
     * was kept while cut off, then live output and the result.
     */
    synchronized void attach(HubLink current) {
        link = current;
        if (sent.total() > 0) {
            send(JobMessage.OutputCopy.of(id, attempt, sent.total(), sent.last()));
        }
        undelivered.forEach((channel, ring) -> {
            Bytes last = ring.last();
            String lost = ring.total() > last.size() ? (ring.total() - last.size()) + " bytes lost, then " : "";
            sendOutput(channel, Bytes.utf8("\n[the hub was unreachable: " + lost + "the last " + last.size() + " bytes follow]\n"));
            sendOutput(channel, last);
        });
        undelivered.clear();
        if (result != null) {
            send(result);
        }
    }

    synchronized void detach() {
        link = null;
    }

    /** Stops the task's process tree; its result, when it comes, is kept as usual. */
    synchronized void cancel() {
        // a cancel that comes while the sandbox is still starting the process is kept, and stops it once started
        cancelRequested = true;
        if (process != null) {
            process.cancel();
        }
    }

    private boolean sendOutput(OutputChannel channel, Bytes chunk) {
        boolean delivered = send(new JobMessage.Output(id, attempt, channel, chunk));
        if (delivered) {
            sent.append(chunk);
        }
        return delivered;
    }

    private boolean send(Message message) {
        if (link == null) {
            return false;
        }
        try {
            link.send(message);
            return true;
        } catch (TransportException e) {
            link = null;
            return false;
        }
    }
}
