package io.resourcepool.api.spi.store;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeResources;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Join tokens and enrolled nodes. Each method is one atomic step. */
public interface NodeStore {

    /**
     * Stores a new join token.
     *
     * @param token the token (by hash)
     */
    void createJoinToken(JoinToken token);

    /**
     * Spends a join token, atomically: succeeds only when the token is known, unused, not revoked and not
     * expired at {@code now}, so two enrolments can never share one token.
     *
     * @param tokenHash hex SHA-256 of the secret presented
     * @param now the time of use
     * @param node the node enrolling with it
     * @return the token as it was before use, or empty when it cannot be used
     */
    Optional<JoinToken> consumeJoinToken(String tokenHash, Instant now, NodeId node);

    /**
     * All join tokens, newest first.
     *
     * @return the tokens
     */
    List<JoinToken> listJoinTokens();

    /**
     * Withdraws an unused token.
     *
     * @param id its public name
     * @return false when unknown, already used or already revoked
     */
    boolean revokeJoinToken(String id);

    /**
     * Records an enrolment. A node enrolling again under the same name gets the new certificate serial, keeps
     * its labels, and is no longer revoked.
     *
     * @param node the node
     */
    void saveEnrolment(NodeRecord node);

    /**
     * Finds a node.
     *
     * @param id its name
     * @return the node, if enrolled
     */
    Optional<NodeRecord> findNode(NodeId id);

    /**
     * All nodes, by name.
     *
     * @return the nodes
     */
    List<NodeRecord> listNodes();

    /**
     * Records a heartbeat and what the node reported.
     *
     * @param id the node
     * @param at when it arrived
     * @param resources what it reported
     * @return false when the node is unknown
     */
    boolean recordHeartbeat(NodeId id, Instant at, NodeResources resources);

    /**
     * Records several heartbeats in one transaction.
     *
     * @param heartbeats node, time and resources of each
     * @return how many known nodes were updated
     */
    int recordHeartbeats(Map<NodeId, Heartbeat> heartbeats);

    /**
     * Sets or clears the drain flag.
     *
     * @param id the node
     * @param drained true to stop new work going to it
     * @return false when the node is unknown
     */
    boolean setDrained(NodeId id, boolean drained);

    /**
     * Replaces a node's labels.
     *
     * @param id the node
     * @param labels the new labels
     * @return false when the node is unknown
     */
    boolean setLabels(NodeId id, Map<String, String> labels);

    /**
     * Removes a node from the pool: its certificate is refused from now on.
     *
     * @param id the node
     * @param at when
     * @return false when unknown or already revoked
     */
    boolean revokeNode(NodeId id, Instant at);

    /**
     * Records a renewed certificate for a node, in one step that takes effect only while the node is not revoked and
     * still has the certificate the renewal replaces: a removal or another renewal meanwhile wins. Unlike
     * {@link #saveEnrolment}, it never lifts a revocation.
     *
     * @param id the node
     * @param replacedSerial the serial of the certificate the node had
     * @param newSerial the serial of its new certificate
     * @return false when the node is unknown, revoked, or no longer has {@code replacedSerial}
     */
    boolean replaceCertificate(NodeId id, String replacedSerial, String newSerial);

    /**
     * One heartbeat, for {@link #recordHeartbeats}.
     *
     * @param at when it arrived
     * @param resources what was reported
     */
    record Heartbeat(Instant at, NodeResources resources) {}

    /**
     * Deletes up to {@code maxRows} join tokens that were used, or expired, before the given time (a revoked token
     * ends at its expiry), in one short transaction. A token that may still enroll a machine is kept.
     *
     * @param endedBefore tokens used or expired at or after this are kept
     * @param maxRows the most tokens to delete in this call, at least 1
     * @return how many were deleted
     */
    int pruneJoinTokens(Instant endedBefore, int maxRows);
}
