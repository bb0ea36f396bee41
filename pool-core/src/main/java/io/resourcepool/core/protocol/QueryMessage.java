package io.resourcepool.core.protocol;

import java.util.List;
import java.util.Map;

/** Reading the pool: its nodes and its aggregate. */
public sealed interface QueryMessage extends Message {

    /**
     * List the nodes.
     *
     * @param requestId the request id
     */
    record Nodes(long requestId) implements QueryMessage, Request {
        /** Checks the fields. */
        public Nodes {
            WireLimits.requestId(requestId);
        }
    }

    /**
     * One node as clients see it.
     *
     * @param id its name
     * @param hostname its host name
     * @param online whether it is connected
     * @param drained whether it takes no new work
     * @param resources what it last reported
     * @param labels its labels
     * @param lastHeartbeat epoch milliseconds of its last report, 0 for never
     * @param runningJobs jobs running there
     * @param sandbox its sandbox's isolation, in words
     * @param certificateExpiresAt epoch milliseconds at which the certificate of a connected node ends, 0 when not known
     */
    record WireNode(String id, String hostname, boolean online, boolean drained, WireResources resources,
            Map<String, String> labels, long lastHeartbeat, int runningJobs, String sandbox, long certificateExpiresAt) {
        /** Checks the fields. */
        public WireNode {
            WireLimits.text(id, "id", WireLimits.NAME_CHARS);
            WireLimits.text(hostname, "hostname", WireLimits.SHORT_TEXT_CHARS);
            labels = WireLimits.map(labels, "labels", WireLimits.SHORT_TEXT_CHARS);
            WireLimits.text(sandbox, "sandbox", WireLimits.TEXT_CHARS);
        }
    }

    /**
     * The answer to NODES.
     *
     * @param requestId the id of the NODES
     * @param nodes every enrolled node
     */
    record NodeList(long requestId, List<WireNode> nodes) implements QueryMessage {
        /** Checks the fields. */
        public NodeList {
            nodes = WireLimits.list(nodes, "nodes");
        }
    }

    /**
     * Ask for the pool's aggregate.
     *
     * @param requestId the request id
     */
    record Aggregate(long requestId) implements QueryMessage, Request {
        /** Checks the fields. */
        public Aggregate {
            WireLimits.requestId(requestId);
        }
    }

    /**
     * The pool's aggregate over its online nodes.
     *
     * @param requestId the id of the AGGREGATE
     * @param onlineNodes nodes online
     * @param logicalCpus processors
     * @param cpusInUse processors busy
     * @param memoryTotalBytes memory
     * @param memoryAvailableBytes available memory
     * @param storageTotalBytes storage
     * @param storageAvailableBytes free storage
     * @param gpus accelerators
     * @param computedAt epoch milliseconds
     */
    record AggregateResult(long requestId, int onlineNodes, long logicalCpus, double cpusInUse, long memoryTotalBytes,
            long memoryAvailableBytes, long storageTotalBytes, long storageAvailableBytes, int gpus, long computedAt)
            implements QueryMessage {}

    /**
     * Ask for each user's GPU time: every user's for an admin, the caller's own otherwise.
     *
     * @param requestId the request id
     */
    record Usage(long requestId) implements QueryMessage, Request {
        /** Checks the fields. */
        public Usage {
            WireLimits.requestId(requestId);
        }
    }

    /**
     * One user's GPU time.
     *
     * @param username the user
     * @param gpuSeconds the GPU time of every attempt of their jobs the hub still keeps, current attempts once ended
     */
    record WireUsage(String username, double gpuSeconds) {
        /** Checks the fields. */
        public WireUsage {
            WireLimits.text(username, "username", WireLimits.SHORT_TEXT_CHARS);
            if (!(gpuSeconds >= 0)) {
                throw new io.resourcepool.api.ProtocolException("gpuSeconds must not be negative, was " + gpuSeconds);
            }
        }
    }

    /**
     * The answer to USAGE.
     *
     * @param requestId the id of the USAGE
     * @param users the users with GPU time, by name
     */
    record UsageResult(long requestId, List<WireUsage> users) implements QueryMessage {
        /** Checks the fields. */
        public UsageResult {
            users = WireLimits.list(users, "users");
        }
    }
}
