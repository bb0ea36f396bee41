package io.resourcepool.core.hub;

import io.resourcepool.api.JobId;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.TransportException;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.Message;
import io.resourcepool.core.protocol.MessageChannel;
import java.util.Optional;

/**
 * Streams a job's progress to the client that asked for it. A client that went away does not stop the job:
 * sends to a closed connection are dropped.
 */
final class ClientJobWatcher implements JobWatcher {
    private final MessageChannel channel;
    private final long requestId;

    ClientJobWatcher(MessageChannel channel, long requestId) {
        this.channel = channel;
        this.requestId = requestId;
    }

    @Override
    public void accepted(JobId job, Optional<NodeId> node) {
        send(new JobMessage.Accepted(requestId, job.toString(), node.map(NodeId::value).orElse("")));
    }

    @Override
    public void output(JobMessage.Output chunk) {
        send(chunk);
    }

    @Override
    public void result(JobMessage.Result result) {
        send(result);
    }

    private void send(Message message) {
        try {
            channel.send(message);
        } catch (TransportException e) {
            // the client left; the job runs on and its result is in the store
        }
    }
}
