package io.resourcepool.core.hub;

import io.resourcepool.api.JobId;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.TransportException;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.MessageChannel;
import java.util.Optional;

/**
 * Tells the client that submitted a detached job its id, and nothing more: the output tail and the result go
 * to the store, where JOB reads them.
 */
final class DetachedJobWatcher implements JobWatcher {
    private final MessageChannel channel;
    private final long requestId;

    DetachedJobWatcher(MessageChannel channel, long requestId) {
        this.channel = channel;
        this.requestId = requestId;
    }

    @Override
    public void accepted(JobId job, Optional<NodeId> node) {
        try {
            channel.send(new JobMessage.Accepted(requestId, job.toString(), node.map(NodeId::value).orElse("")));
        } catch (TransportException e) {
            // the client left before hearing the id; the job runs on and is listed by JOBS
        }
    }

    @Override
    public void output(JobMessage.Output chunk) {}

    @Override
    public void result(JobMessage.Result result) {}
}
