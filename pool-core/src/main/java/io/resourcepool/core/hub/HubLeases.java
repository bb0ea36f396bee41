package io.resourcepool.core.hub;

import io.resourcepool.api.BusyException;
import io.resourcepool.api.HubId;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.FencingToken;
import io.resourcepool.api.spi.store.HubCoordination;
import io.resourcepool.api.spi.store.HubMember;
import io.resourcepool.api.spi.store.JournalCondition;
import io.resourcepool.api.spi.store.NodeLease;
import io.resourcepool.api.spi.store.NodeStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This hub's membership among the hubs sharing its database, and the leases it holds on the nodes connected to it,
 * where the store offers {@link HubCoordination}; without it every method does nothing and every node is taken.
 * A node registers here only under its lease (its fencing token kept here and with the live node); a node that went
 * away keeps it until its grace ends, then it is released, as it is when the node is removed or the hub closes, so
 * that the worker may join another hub at once. Leases and membership last half the node timeout ({@link #ttlFor}) and
 * are renewed at least three times within that by the hub's timers, which also find the connected nodes whose lease
 * this hub lost meanwhile ({@link #lost()}, {@link LeaseRound}).
 */
final class HubLeases {
    private static final Logger log = LoggerFactory.getLogger(HubLeases.class);
    /** Added to the time a holder's lease has left, so that a refused worker comes back just after it ran out. */
    private static final Duration RETRY_MARGIN = Duration.ofMillis(250);

    private final Optional<HubCoordination> coordination;
    private final HubId self;
    private final Duration ttl;
    private final InstantSource clock;
    private final Map<NodeId, FencingToken> held = new ConcurrentHashMap<>();
    /** Nodes whose connection ended, with when their grace ends: their lease is released then unless they came back. */
    private final Map<NodeId, Instant> lapsing = new ConcurrentHashMap<>();
    /** Nodes with give-ups being written under their lease, and how many: the lease is not released under them. */
    private final Map<NodeId, Integer> givingUp = new ConcurrentHashMap<>();
    /** Where clients and workers reach this hub, once it listens; the membership is written from then on. */
    private volatile Optional<String> clientAddress = Optional.empty();
    /** How many hubs were live at the last round, this one included; 1 until then, and without coordination. */
    private volatile int liveHubCount = 1;
    private final LeaseRefusals refusals;

    /**
     * How long a lease (and a membership) lasts: half the node timeout, so that the workers of a hub that died are
     * free to join another hub well before they would stop their tasks for having heard no hub for the node timeout.
     */
    static Duration ttlFor(Duration nodeTimeout) {
        return nodeTimeout.dividedBy(2);
    }

    /** How often the timers renew: at least three times within a lease, and at least every heartbeat interval. */
    static Duration renewEvery(Duration nodeTimeout, Duration heartbeatInterval) {
        Duration third = ttlFor(nodeTimeout).dividedBy(3);
        return third.compareTo(heartbeatInterval) < 0 ? third : heartbeatInterval;
    }

    HubLeases(Optional<HubCoordination> coordination, HubId self, Duration ttl, InstantSource clock) {
        this.coordination = coordination;
        this.clock = clock;
        this.self = self;
        this.ttl = ttl;
        this.refusals = new LeaseRefusals(ttl, clock);
    }

    HubId self() {
        return self;
    }

    /**
     * Takes the node's lease for this hub before it registers. A refusal is logged (WARN) and reported to
     * {@code firstRefusal} only at the first of an episode ({@link LeaseRefusals}), not at each retry of the worker.
     *
     * @param firstRefusal given the refusal's text at the first refusal of an episode, to audit it
     * @return its fencing token; empty without coordination
     * @throws BusyException when another live hub holds the node, with when to try again (a store failure passes as it is)
     */
    Optional<FencingToken> take(NodeId node, Consumer<String> firstRefusal) {
        if (coordination.isEmpty()) {
            return Optional.empty();
        }
        Optional<NodeLease> lease = coordination.get().leases().acquire(node, self, ttl);
        if (lease.isEmpty()) {
            Optional<NodeLease> holding = coordination.get().leases().holder(node);
            String holder = holding.map(l -> l.holder().value()).orElse("another hub");
            String why = "node " + node + " is held by hub " + holder + ", which it is connected to; it joins here once that hub's lease on it"
                    + " ends (at most " + ttl.toMillis() / 1000.0 + " s after that hub stops renewing it)";
            if (refusals.first(node, holder)) {
                log.warn("refused node {}: hub {} holds its lease (said once until the node registers here, another hub holds it, or {} s pass)",
                        node, holder, ttl.toSeconds());
                firstRefusal.accept(why);
            }
            throw new BusyException(why, retryAfter(holding));
        }
        refusals.registered(node);
        lapsing.remove(node);
        held.put(node, lease.get().token());
        return Optional.of(lease.get().token());
    }

    /**
     * When a refused worker should try again: just after the holder's lease runs out if it is not renewed (the worker
     * of a hub that died then joins at once), at most a lease's length from now.
     */
    private Duration retryAfter(Optional<NodeLease> holding) {
        Duration left = holding.map(l -> Duration.between(clock.instant(), l.leaseUntil())).filter(Duration::isPositive).orElse(Duration.ZERO);
        return (left.compareTo(ttl) > 0 ? ttl : left).plus(RETRY_MARGIN);
    }

    /** The node's connection ended: its lease is kept until its grace ends, then released unless it registered again. */
    void lapse(NodeId node, Instant graceEnds) {
        if (held.containsKey(node)) {
            lapsing.put(node, graceEnds);
        }
    }

    /**
     * The node was removed (or its grace ended): its lease is released now, under the token it was taken with; or, while
     * a give-up of its jobs is being written under that lease ({@link #fenceFor}), at the first round after it is.
     */
    synchronized void release(NodeId node) {
        if (givingUp.containsKey(node)) {
            lapsing.put(node, clock.instant());
            return;
        }
        releaseNow(node);
    }

    private void releaseNow(NodeId node) {
        lapsing.remove(node);
        FencingToken token = held.remove(node);
        if (token != null) {
            coordination.ifPresent(c -> c.leases().release(node, self, token));
        }
    }

    /** Announces this hub to the others, and says which are live. */
    void announce(String address) {
        clientAddress = Optional.of(address);
        coordination.ifPresent(c -> {
            c.hubs().announce(self, address, ttl);
            log.info("hub {} announced at {}; live hubs: {}", self, address,
                    c.hubs().live().stream().map(m -> m.hub() + " (" + m.clientAddress() + ")").toList());
        });
    }

    /**
     * The timers' round: renews this hub's membership (announcing it again if it ran out) and every lease it holds,
     * and releases the leases of nodes whose grace ended.
     */
    void renew() {
        if (coordination.isEmpty() || clientAddress.isEmpty()) {
            return;
        }
        HubCoordination c = coordination.get();
        if (!c.hubs().renew(self, ttl)) {
            log.warn("hub {}'s membership had run out (the store was slow or away); announcing it again", self);
            c.hubs().announce(self, clientAddress.get(), ttl);
        }
        c.leases().renewAll(self, ttl);
        liveHubCount = Math.max(1, c.hubs().live().size());
        Instant now = clock.instant();
        lapsing.forEach((node, graceEnds) -> {
            if (!graceEnds.isAfter(now)) {
                release(node);
            }
        });
    }

    /**
     * The nodes this hub treats as held and connected (not lapsing) whose lease is no longer its own under the token it
     * keeps: the lease ran out before it was renewed (the hub was paused, or the store away), and perhaps another hub
     * took the node. One query, none while no node is connected.
     *
     * @return each such node with the token this hub kept for it; empty without coordination
     */
    Map<NodeId, FencingToken> lost() {
        if (coordination.isEmpty() || clientAddress.isEmpty()) {
            return Map.of();
        }
        Map<NodeId, FencingToken> believed = new HashMap<>(held);
        believed.keySet().removeAll(lapsing.keySet());
        if (believed.isEmpty()) {
            return Map.of();
        }
        coordination.get().leases().heldBy(self).forEach(lease -> believed.remove(lease.node(), lease.token()));
        return believed;
    }

    /**
     * Takes a lost lease again when no other hub holds the node: it is then held under the new fencing token. When
     * another hub holds it, this hub no longer treats the node as held (its lease is not released: it is not this hub's).
     *
     * @param node a node from {@link #lost()}
     * @param lost the token this hub kept for it
     * @return the new token; empty when another hub holds the node
     */
    Optional<FencingToken> retake(NodeId node, FencingToken lost) {
        Optional<NodeLease> lease = coordination.orElseThrow().leases().acquire(node, self, ttl);
        if (lease.isPresent()) {
            held.replace(node, lost, lease.get().token());
            return Optional.of(lease.get().token());
        }
        held.remove(node, lost);
        return Optional.empty();
    }

    /** Whether this hub believes it holds the node's lease (connected, or in its grace). */
    boolean holds(NodeId node) {
        return held.containsKey(node);
    }

    /** The hub that holds the node now, as words for a message. */
    String holderName(NodeId node) {
        return coordination.flatMap(c -> c.leases().holder(node)).map(l -> l.holder().value()).orElse("another hub");
    }

    /** How many hubs were live at the last round, this one included: at least 1. */
    int liveHubCount() {
        return liveHubCount;
    }

    /**
     * A starting hub's leases left by an earlier run under the same id: kept until the grace of the jobs it recovers
     * ends, as if their nodes had just gone away, and released then unless the nodes register again.
     */
    void adoptEarlierRun(NodeStore nodes, Instant graceEnds) {
        coordination.ifPresent(c -> nodes.listNodes().forEach(record -> c.leases().holder(record.id()).filter(l -> l.holder().equals(self))
                .ifPresent(lease -> {
                    held.put(record.id(), lease.token());
                    lapsing.put(record.id(), graceEnds);
                })));
    }

    /** Whether another live hub holds the node: its running jobs are that hub's. */
    boolean heldElsewhere(NodeId node, List<HubId> liveHubs) {
        return coordination.flatMap(c -> c.leases().holder(node)).map(NodeLease::holder)
                .filter(holder -> !holder.equals(self) && liveHubs.contains(holder)).isPresent();
    }

    /**
     * Whether this hub may still act on the node's jobs, and under which condition it writes what it does to them: it
     * holds the node's lease now, or took it again as nobody held it (always, without coordination). A hub that was
     * paused past its lease while another took the node must leave the node's jobs to that hub. The condition names
     * the token held now; the store writes nothing under it once another hub has taken the node since. Until the
     * caller says the give-up is written ({@link #givenUp}), this hub does not release that lease itself.
     *
     * @return the conditions to write under (none without coordination); empty when another hub holds the node
     */
    Optional<List<JournalCondition>> fenceFor(NodeId node, Instant graceEnds) {
        if (coordination.isEmpty()) {
            return Optional.of(List.of());
        }
        synchronized (this) {
            // counted first, so that a release from now on waits for the give-up
            givingUp.merge(node, 1, Integer::sum);
        }
        FencingToken token = held.get(node);
        if (token == null || !coordination.get().leases().stillHolds(node, self, token)) {
            token = takeUntil(node, graceEnds) ? held.get(node) : null;
        }
        if (token == null) {
            givenUp(node);
            return Optional.empty();
        }
        return Optional.of(List.of(new JournalCondition.LeaseHeld(node, self, token)));
    }

    /** A give-up under {@link #fenceFor} is done (written, refused or failed): the node's lease may be released again. */
    void givenUp(NodeId node) {
        givingUp.computeIfPresent(node, (n, count) -> count > 1 ? count - 1 : null);
    }

    /** The hub that holds the node now, if any (this one included); empty without coordination. */
    Optional<HubId> holderOf(NodeId node) {
        return coordination.flatMap(c -> c.leases().holder(node)).map(NodeLease::holder);
    }

    /**
     * Takes the lease of a node nobody holds (its hub is gone) for this hub until the grace of its running jobs ends,
     * as if it had just gone away from here: released then unless it registers here.
     *
     * @return true when this hub now holds it
     */
    boolean takeUntil(NodeId node, Instant graceEnds) {
        Optional<NodeLease> lease = coordination.flatMap(c -> c.leases().acquire(node, self, ttl));
        lease.ifPresent(l -> {
            held.put(node, l.token());
            lapsing.putIfAbsent(node, graceEnds);
        });
        return lease.isPresent();
    }

    /**
     * The nodes the other live hubs hold now (one query per other hub): connected there, or in their grace after they
     * went away; empty without coordination.
     */
    Set<NodeId> heldByOtherHubs() {
        return coordination.map(c -> c.hubs().live().stream().map(HubMember::hub).filter(hub -> !hub.equals(self))
                .flatMap(hub -> c.leases().heldBy(hub).stream()).map(NodeLease::node).collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
    }

    /** The hubs live now, this one included once announced; empty without coordination. */
    List<HubId> liveHubs() {
        return coordination.map(c -> c.hubs().live().stream().map(HubMember::hub).toList()).orElse(List.of());
    }

    /** The hub closes in order: every lease it holds is released and it leaves, so its workers move on at once. */
    void close() {
        try {
            List.copyOf(held.keySet()).forEach(this::releaseNow);
            coordination.ifPresent(c -> c.hubs().leave(self));
        } catch (RuntimeException e) {
            log.warn("hub {} could not give up its leases as it closed ({}); they run out within {} s", self, e.getMessage(), ttl.toSeconds());
        }
    }
}
