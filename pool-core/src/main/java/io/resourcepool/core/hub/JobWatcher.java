package io.resourcepool.core.hub;

import io.resourcepool.api.JobId;
import io.resourcepool.api.NodeId;
import io.resourcepool.core.protocol.JobMessage;
import java.util.Optional;

/** Whoever waits on a job's progress: the client conversation that submitted it. Must not block. */
interface JobWatcher {
    /** Called once the job is durable, before any output: it has an id and perhaps a node. */
    void accepted(JobId job, Optional<NodeId> node);

    void output(JobMessage.Output chunk);

    void result(JobMessage.Result result);

    /** A watcher for jobs nobody waits on. */
    JobWatcher NONE = new JobWatcher() {
        @Override
        public void accepted(JobId job, Optional<NodeId> node) {}

        @Override
        public void output(JobMessage.Output chunk) {}

        @Override
        public void result(JobMessage.Result result) {}
    };
}
