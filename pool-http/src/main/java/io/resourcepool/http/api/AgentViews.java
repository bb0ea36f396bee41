package io.resourcepool.http.api;

import io.resourcepool.core.protocol.JobMessage;
import io.resourcepool.core.protocol.Message;
import io.resourcepool.core.protocol.NodeMessage;
import io.resourcepool.core.protocol.WireJobSpec;
import io.resourcepool.core.protocol.WireTask;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the agent endpoints answer, as JSON documents. */
final class AgentViews {
    private AgentViews() {}

    /**
     * A machine's enrolment: its node name, its certificate chain (leaf first), the CA that signed the hub's own
     * certificate, and every CA of the hub (during a CA rotation the new one and the one being retired), PEM.
     */
    record Enrolled(String nodeId, String certificateChain, String caCertificate, String trustedCas) {}

    /** A renewal: the new certificate chain (leaf first) and the CAs to trust from now on, PEM. */
    record Renewed(String certificateChain, String trustedCas) {}

    /** An attempt of a job, as the agent names the tasks it holds. */
    record Task(String jobId, int attempt) {
        static Task of(WireTask task) {
            return new Task(task.jobId(), task.attempt());
        }
    }

    /**
     * The hub's answer to a heartbeat: the node's name, when to report next, the grace, the tasks to drop, and whether
     * (and why) the hub wants the agent to renew its certificate now rather than when a third of its life is left.
     */
    record Heartbeat(String nodeId, long heartbeatIntervalMillis, long graceMillis, List<Task> disowned, boolean renewNow, String renewReason) {
        static Heartbeat of(NodeMessage.HeartbeatAck ack, Optional<String> renewal) {
            return new Heartbeat(ack.nodeId(), ack.intervalMillis(), ack.graceMillis(), ack.disowned().stream().map(Task::of).toList(),
                    renewal.isPresent(), renewal.orElse(""));
        }
    }

    /** Work for the agent: tasks to start and cancels, in the order the hub sent them. */
    record Work(List<Object> work) {
        static Work of(List<Message> messages) {
            return new Work(messages.stream().map(AgentViews::item).toList());
        }
    }

    /** A task to run: what the agent needs of the job's spec. */
    record Start(String type, String jobId, int attempt, List<String> command, Map<String, String> environment, String workingDirectory,
            long timeoutMillis, long outputCapBytes, int cpus, long memoryBytes, int gpus, boolean network, String image) {
        static Start of(JobMessage.Task task) {
            WireJobSpec spec = task.spec();
            return new Start("task", task.jobId(), task.attempt(), spec.command(), spec.environment(), spec.workingDirectory(),
                    spec.timeoutMillis(), spec.outputCapBytes(), spec.cpus(), spec.memoryBytes(), spec.gpus(), spec.network(), spec.image());
        }
    }

    /** A task to stop: the agent kills its process group and reports it CANCELLED. */
    record Cancel(String type, String jobId) {}

    /** A stored result. */
    record Stored(String jobId, int attempt, boolean stored) {}

    private static Object item(Message message) {
        return switch (message) {
            case JobMessage.Task task -> Start.of(task);
            case JobMessage.Cancel cancel -> new Cancel("cancel", cancel.jobId());
            default -> throw new IllegalStateException("not work for an agent: " + message.getClass().getSimpleName());
        };
    }
}
