package io.resourcepool.core.protocol;

import java.util.List;
import java.util.Map;

/** A worker telling the hub about itself. */
public sealed interface NodeMessage extends Message {

    /**
     * A worker, connected with its certificate, says it is ready.
     *
     * @param requestId the request id
     * @param hostname its host name
     * @param resources what it has
     * @param labels labels its operator gave it
     * @param sandbox the isolation its sandbox gives, in words
     * @param tasks the tasks it still has from an earlier connection: running, or ended with a result the hub has
     *     not acknowledged; the hub adopts those it still expects there and disowns the rest
     * @param sameProcess whether this worker process registered before (with this hub or another): then {@code tasks}
     *     holds every task it was ever given whose result was not acknowledged, so a task the hub expects there and
     *     that is not listed never reached it (it was lost on its way), and is sent again rather than given up
     */
    record Register(long requestId, String hostname, WireResources resources, Map<String, String> labels, String sandbox,
            List<WireTask> tasks, boolean sameProcess) implements NodeMessage, Request {
        /** Checks the fields. */
        public Register {
            WireLimits.requestId(requestId);
            WireLimits.text(hostname, "hostname", WireLimits.SHORT_TEXT_CHARS);
            if (resources == null) {
                throw new io.resourcepool.api.ProtocolException("resources is missing");
            }
            labels = WireLimits.map(labels, "labels", WireLimits.SHORT_TEXT_CHARS);
            WireLimits.text(sandbox, "sandbox", WireLimits.TEXT_CHARS);
            tasks = WireLimits.list(tasks, "tasks");
        }
    }

    /**
     * A periodic report.
     *
     * @param resources what it has now
     * @param tasks the tasks it has: running, or ended with a result not yet acknowledged
     */
    record Heartbeat(WireResources resources, List<WireTask> tasks) implements NodeMessage {
        /** Checks the fields. */
        public Heartbeat {
            if (resources == null) {
                throw new io.resourcepool.api.ProtocolException("resources is missing");
            }
            tasks = WireLimits.list(tasks, "tasks");
        }
    }

    /**
     * The hub acknowledges a REGISTER or HEARTBEAT and sets the pace.
     *
     * @param requestId the id of the REGISTER, or 0 for a HEARTBEAT
     * @param nodeId the worker's name, from its certificate
     * @param intervalMillis when to send the next heartbeat
     * @param graceMillis how long the hub waits for a silent or disconnected worker before it gives its jobs up:
     *     a worker cut off from the hub for longer stops its tasks, since the hub no longer expects their results
     * @param disowned tasks the worker reported that the hub does not expect from it (ended, lost or placed
     *     elsewhere): the worker stops them and forgets their results
     */
    record HeartbeatAck(long requestId, String nodeId, long intervalMillis, long graceMillis, List<WireTask> disowned)
            implements NodeMessage {
        /** Checks the fields. */
        public HeartbeatAck {
            WireLimits.text(nodeId, "nodeId", WireLimits.NAME_CHARS);
            if (intervalMillis < 1 || graceMillis < 1) {
                throw new io.resourcepool.api.ProtocolException("intervalMillis and graceMillis must be positive");
            }
            disowned = WireLimits.list(disowned, "disowned");
        }
    }
}
