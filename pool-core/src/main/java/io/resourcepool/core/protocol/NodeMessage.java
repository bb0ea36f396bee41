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
     */
    record Register(long requestId, String hostname, WireResources resources, Map<String, String> labels, String sandbox)
            implements NodeMessage, Request {
        /** Checks the fields. */
        public Register {
            WireLimits.requestId(requestId);
            WireLimits.text(hostname, "hostname", WireLimits.SHORT_TEXT_CHARS);
            if (resources == null) {
                throw new io.resourcepool.api.ProtocolException("resources is missing");
            }
            labels = WireLimits.map(labels, "labels", WireLimits.SHORT_TEXT_CHARS);
            WireLimits.text(sandbox, "sandbox", WireLimits.TEXT_CHARS);
        }
    }

    /**
     * A periodic report.
     *
     * @param resources what it has now
     * @param runningJobs ids of the jobs it is running
     */
    record Heartbeat(WireResources resources, List<String> runningJobs) implements NodeMessage {
        /** Checks the fields. */
        public Heartbeat {
            if (resources == null) {
                throw new io.resourcepool.api.ProtocolException("resources is missing");
            }
            runningJobs = WireLimits.list(runningJobs, "runningJobs");
        }
    }

    /**
     * The hub acknowledges a REGISTER or HEARTBEAT and sets the pace.
     *
     * @param requestId the id of the REGISTER, or 0 for a HEARTBEAT
     * @param nodeId the worker's name, from its certificate
     * @param intervalMillis when to send the next heartbeat
     */
    record HeartbeatAck(long requestId, String nodeId, long intervalMillis) implements NodeMessage {
        /** Checks the fields. */
        public HeartbeatAck {
            WireLimits.text(nodeId, "nodeId", WireLimits.NAME_CHARS);
        }
    }
}
