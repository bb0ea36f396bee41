package io.resourcepool.testkit.store;

import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeResources;
import io.resourcepool.api.StoreException;
import io.resourcepool.api.spi.store.JoinToken;
import io.resourcepool.api.spi.store.NodeRecord;
import io.resourcepool.api.spi.store.NodeStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** Join tokens and nodes in maps, under one lock. */
final class InMemoryNodeStore extends LockedFacet implements NodeStore {
    private static final Comparator<JoinToken> NEWEST_FIRST =
            Comparator.comparing(JoinToken::createdAt).reversed().thenComparing(JoinToken::id);

    private final Map<String, JoinToken> tokensById = new LinkedHashMap<>();
    private final Map<NodeId, NodeRecord> nodes = new TreeMap<>();

    InMemoryNodeStore(OpenState state) {
        super(state);
    }

    @Override
    public void createJoinToken(JoinToken token) {
        Objects.requireNonNull(token, "token must be given");
        lockedRun(() -> {
            boolean hashTaken = tokensById.values().stream().anyMatch(t -> t.tokenHash().equals(token.tokenHash()));
            if (tokensById.containsKey(token.id()) || hashTaken) {
                throw new StoreException("a join token with id '" + token.id() + "' or the same hash exists already");
            }
            tokensById.put(token.id(), token);
        });
    }

    @Override
    public Optional<JoinToken> consumeJoinToken(String tokenHash, Instant now, NodeId node) {
        Objects.requireNonNull(now, "now must be given");
        Objects.requireNonNull(node, "node must be given");
        return locked(() -> {
            Optional<JoinToken> usable = tokensById.values().stream()
                    .filter(t -> t.tokenHash().equals(tokenHash) && t.isUsableAt(now))
                    .findFirst();
            usable.ifPresent(t -> tokensById.put(t.id(), new JoinToken(t.id(), t.tokenHash(), t.createdBy(), t.createdAt(),
                    t.expiresAt(), Optional.of(now), Optional.of(node), t.revoked())));
            return usable;
        });
    }

    @Override
    public List<JoinToken> listJoinTokens() {
        return locked(() -> tokensById.values().stream().sorted(NEWEST_FIRST).toList());
    }

    @Override
    public int pruneJoinTokens(Instant endedBefore, int maxRows) {
        Objects.requireNonNull(endedBefore, "endedBefore must be given");
        return locked(() -> OldEntries.removeBatch(tokensById, t -> t.expiresAt().isBefore(endedBefore)
                || t.usedAt().filter(u -> u.isBefore(endedBefore)).isPresent(), maxRows));
    }

    @Override
    public boolean revokeJoinToken(String id) {
        return locked(() -> {
            JoinToken t = tokensById.get(id);
            if (t == null || t.revoked() || t.usedAt().isPresent()) {
                return false;
            }
            tokensById.put(id, new JoinToken(t.id(), t.tokenHash(), t.createdBy(), t.createdAt(), t.expiresAt(),
                    t.usedAt(), t.usedBy(), true));
            return true;
        });
    }

    @Override
    public void saveEnrolment(NodeRecord node) {
        Objects.requireNonNull(node, "node must be given");
        lockedRun(() -> nodes.merge(node.id(), node, (old, fresh) -> new NodeRecord(fresh.id(), fresh.hostname(),
                fresh.certificateSerial(), fresh.enrolledAt(), fresh.lastHeartbeat(), fresh.resources(), old.labels(),
                old.drained(), Optional.empty())));
    }

    @Override
    public Optional<NodeRecord> findNode(NodeId id) {
        return locked(() -> Optional.ofNullable(nodes.get(id)));
    }

    @Override
    public List<NodeRecord> listNodes() {
        return locked(() -> List.copyOf(nodes.values()));
    }

    @Override
    public boolean recordHeartbeat(NodeId id, Instant at, NodeResources resources) {
        Objects.requireNonNull(at, "at must be given");
        Objects.requireNonNull(resources, "resources must be given");
        return change(id, n -> heartbeat(n, at, resources));
    }

    @Override
    public int recordHeartbeats(Map<NodeId, Heartbeat> heartbeats) {
        Map<NodeId, Heartbeat> all = Map.copyOf(Objects.requireNonNull(heartbeats, "heartbeats must be given"));
        return locked(() -> (int) all.entrySet().stream()
                .filter(e -> nodes.computeIfPresent(e.getKey(), (k, n) -> heartbeat(n, e.getValue().at(), e.getValue().resources())) != null)
                .count());
    }

    @Override
    public boolean setDrained(NodeId id, boolean drained) {
        return change(id, n -> new NodeRecord(n.id(), n.hostname(), n.certificateSerial(), n.enrolledAt(), n.lastHeartbeat(),
                n.resources(), n.labels(), drained, n.revokedAt()));
    }

    @Override
    public boolean setLabels(NodeId id, Map<String, String> labels) {
        Map<String, String> copy = Map.copyOf(Objects.requireNonNull(labels, "labels must be given"));
        return change(id, n -> new NodeRecord(n.id(), n.hostname(), n.certificateSerial(), n.enrolledAt(), n.lastHeartbeat(),
                n.resources(), copy, n.drained(), n.revokedAt()));
    }

    @Override
    public boolean replaceCertificate(NodeId id, String replacedSerial, String newSerial) {
        Objects.requireNonNull(replacedSerial, "replacedSerial must be given");
        Objects.requireNonNull(newSerial, "newSerial must be given");
        return locked(() -> {
            NodeRecord n = nodes.get(id);
            if (n == null || n.revokedAt().isPresent() || !n.certificateSerial().equals(replacedSerial)) {
                return false;
            }
            nodes.put(id, new NodeRecord(n.id(), n.hostname(), newSerial, n.enrolledAt(), n.lastHeartbeat(),
                    n.resources(), n.labels(), n.drained(), n.revokedAt()));
            return true;
        });
    }

    @Override
    public boolean revokeNode(NodeId id, Instant at) {
        Objects.requireNonNull(at, "at must be given");
        return locked(() -> {
            NodeRecord n = nodes.get(id);
            if (n == null || n.revokedAt().isPresent()) {
                return false;
            }
            nodes.put(id, new NodeRecord(n.id(), n.hostname(), n.certificateSerial(), n.enrolledAt(), n.lastHeartbeat(),
                    n.resources(), n.labels(), n.drained(), Optional.of(at)));
            return true;
        });
    }

    private boolean change(NodeId id, UnaryOperator<NodeRecord> edit) {
        return locked(() -> nodes.computeIfPresent(id, (k, n) -> edit.apply(n)) != null);
    }

    private static NodeRecord heartbeat(NodeRecord n, Instant at, NodeResources resources) {
        return new NodeRecord(n.id(), n.hostname(), n.certificateSerial(), n.enrolledAt(), Optional.of(at), resources,
                n.labels(), n.drained(), n.revokedAt());
    }
}
