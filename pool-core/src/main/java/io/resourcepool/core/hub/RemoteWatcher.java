package io.resourcepool.core.hub;

import io.resourcepool.api.Bytes;
import io.resourcepool.api.HubId;
import io.resourcepool.api.JobId;
import io.resourcepool.api.NodeId;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.Message;
import java.util.Optional;

/**
 * A watcher on another hub: the job runs here, and whoever waits on it (its submitter, or a follower) is connected
 * there. Each start, output chunk and end goes to that hub as a letter, in order, for its watch. A job offered by
 * another hub ({@link HubLetter#QUEUED}) is announced there only once its start here is durable, since several hubs
 * may try to start it and the store lets one; a follower's watcher is announced at once, as a local one is.
 */
final class RemoteWatcher implements JobWatcher {
    /** Output goes in letters of at most this many bytes, well under the queue's limit on a payload. */
    static final int MAX_CHUNK_BYTES = 256 * 1024;

    private final HubPost post;
    private final HubId to;
    private final long watch;
    private final boolean announceAtOnce;

    private RemoteWatcher(HubPost post, HubId to, long watch, boolean announceAtOnce) {
        this.post = post;
        this.to = to;
        this.watch = watch;
        this.announceAtOnce = announceAtOnce;
    }

    /** For the hub that offered the job, told once this hub's start of it is durable. */
    static RemoteWatcher forOffer(HubPost post, HubId to, long watch) {
        return new RemoteWatcher(post, to, watch, false);
    }

    /** For a follower on another hub, told at once. */
    static RemoteWatcher forFollower(HubPost post, HubId to, long watch) {
        return new RemoteWatcher(post, to, watch, true);
    }

    @Override
    public void accepted(JobId job, Optional<NodeId> node) {
        if (announceAtOnce) {
            send(job, new JobMessage.Accepted(0, job.toString(), node.map(NodeId::value).orElse("")));
        }
    }

    @Override
    public void started(JobId job, NodeId node) {
        if (!announceAtOnce) {
            send(job, new JobMessage.Accepted(0, job.toString(), node.value()));
        }
    }

    @Override
    public void output(JobMessage.Output chunk) {
        byte[] data = chunk.data().toByteArray();
        for (int from = 0; from < data.length; from += MAX_CHUNK_BYTES) {
            int length = Math.min(MAX_CHUNK_BYTES, data.length - from);
            send(chunk.jobId(), new JobMessage.Output(chunk.jobId(), chunk.attempt(), chunk.channel(), Bytes.copyOf(data, from, length)));
        }
    }

    @Override
    public void result(JobMessage.Result result) {
        send(JobId.parse(result.jobId()), result);
    }

    private void send(JobId job, Message message) {
        post.post(to, HubLetter.event(post.self(), watch, job, message));
    }
}
