package io.resourcepool.api.spi.store;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeResources;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An enrolled worker as the hub remembers it.
 *
 * @param id the node name the hub chose (also its certificate's common name)
 * @param hostname the host name the worker reported
 * @param certificateSerial hex serial of the certificate the hub signed for it
 * @param enrolledAt when it enrolled
 * @param lastHeartbeat when it last reported, if it has
 * @param resources what it last reported
 * @param labels operator-given labels, for example {@code gpu=a100}
 * @param drained whether it takes no new work
 * @param revokedAt when an admin removed it, if one did; its certificate is refused from then on
 */
public record NodeRecord(
        NodeId id,
        String hostname,
        String certificateSerial,
        Instant enrolledAt,
        Optional<Instant> lastHeartbeat,
        NodeResources resources,
        Map<String, String> labels,
        boolean drained,
        Optional<Instant> revokedAt) {

    /** Checks the fields and copies the labels. */
    public NodeRecord {
        Objects.requireNonNull(id, "id must be given");
        Objects.requireNonNull(hostname, "hostname must be given");
        Objects.requireNonNull(certificateSerial, "certificateSerial must be given");
        Objects.requireNonNull(enrolledAt, "enrolledAt must be given");
        Objects.requireNonNull(lastHeartbeat, "lastHeartbeat must be given (empty before the first)");
        Objects.requireNonNull(resources, "resources must be given");
        labels = Map.copyOf(Objects.requireNonNull(labels, "labels must be given"));
        Objects.requireNonNull(revokedAt, "revokedAt must be given (empty when not revoked)");
    }

    /**
     * A node that has just enrolled.
     *
     * @param id its name
     * @param hostname its host name
     * @param certificateSerial its certificate's serial
     * @param enrolledAt now
     * @return the record
     */
    public static NodeRecord enrolled(NodeId id, String hostname, String certificateSerial, Instant enrolledAt) {
        return new NodeRecord(id, hostname, certificateSerial, enrolledAt, Optional.empty(), NodeResources.NONE, Map.of(), false, Optional.empty());
    }
}
