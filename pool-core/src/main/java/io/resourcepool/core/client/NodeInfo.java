package io.resourcepool.core.client;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeResources;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A node of the pool as a client sees it.
 *
 * @param id its name
 * @param hostname its host name
 * @param online whether it is connected and heartbeating
 * @param drained whether it takes no new work
 * @param resources what it last reported
 * @param labels its labels
 * @param lastHeartbeat its last report, if any
 * @param runningJobs jobs running there
 * @param sandbox the isolation its sandbox gives, in words
 * @param certificateExpiresAt when the certificate of a connected node ends (it renews it before), if known
 */
public record NodeInfo(NodeId id, String hostname, boolean online, boolean drained, NodeResources resources,
        Map<String, String> labels, Optional<Instant> lastHeartbeat, int runningJobs, String sandbox,
        Optional<Instant> certificateExpiresAt) {
    /** Checks the fields and copies the labels. */
    public NodeInfo {
        Objects.requireNonNull(id, "id must be given");
        Objects.requireNonNull(hostname, "hostname must be given");
        Objects.requireNonNull(resources, "resources must be given");
        labels = Map.copyOf(Objects.requireNonNull(labels, "labels must be given"));
        Objects.requireNonNull(lastHeartbeat, "lastHeartbeat must be given");
        Objects.requireNonNull(sandbox, "sandbox must be given");
        Objects.requireNonNull(certificateExpiresAt, "certificateExpiresAt must be given (empty when not known)");
    }
}
