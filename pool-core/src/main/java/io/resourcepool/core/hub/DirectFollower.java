package io.resourcepool.core.hub;

import io.resourcepool.api.TransportException;
import io.resourcepool.core.client.JobListener;
import io.resourcepool.core.client.RemoteErrors;
import io.resourcepool.core.client.RunCollector;
import io.resourcepool.core.client.RunResult;
import io.resourcepool.core.protocol.ControlMessage;
import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.Message;

/**
 * A job followed through the typed door ({@link HubOperations#follow}): the hub's {@link FollowerRelay} sends its
 * progress here, through the same bounded buffer a network follower has, and a {@link RunCollector} hears it as a
 * {@link io.resourcepool.core.client.PoolClient} would (a follower that falls behind is dropped alike, with an
 * {@link io.resourcepool.core.client.OutputDroppedException}). Closing it lets go of the job, which runs on.
 */
public final class DirectFollower implements FollowerLine, AutoCloseable {
    private final RunCollector collector;
    private final JobListener listener;
    private final String address;
    private volatile boolean open = true;

    DirectFollower(RunCollector collector, String address) {
        this.collector = collector;
        this.listener = collector;
        this.address = address;
    }

    @Override
    public void send(Message message) {
        if (!open) {
            throw new TransportException("the follower let go of the job");
        }
        switch (message) {
            case JobMessage.Accepted accepted -> listener.accepted(accepted);
            case JobMessage.Output output -> listener.output(output.channel(), output.data());
            case JobMessage.Result result -> listener.result(result);
            case ControlMessage.Error error -> listener.failed(RemoteErrors.toException(error));
            default -> throw new IllegalStateException("a relay does not send " + message.getClass().getSimpleName());
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public String address() {
        return address;
    }

    /**
     * Waits for the job's end.
     *
     * @return how it ended, with the output kept (none when following without keeping)
     * @throws io.resourcepool.api.PoolException when the follower was dropped for falling behind, or let go
     */
    public RunResult await() {
        return collector.await();
    }

    /** Lets go of the job, which runs on; a wait on it fails. */
    @Override
    public void close() {
        open = false;
        listener.failed(new TransportException("the follower let go of the job"));
    }
}
