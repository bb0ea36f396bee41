package io.resourcepool.core.hub;

import io.resourcepool.api.HubId;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.FencingToken;
import io.resourcepool.api.spi.store.HandoverQueue;
import io.resourcepool.api.spi.store.HubCoordination;
import io.resourcepool.api.spi.store.HubMember;
import io.resourcepool.api.spi.store.HubMembership;
import io.resourcepool.api.spi.store.NodeLease;
import io.resourcepool.api.spi.store.NodeLeases;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Membership and node leases in memory, measured by the test's clock, as the PostgreSQL store keeps them: a lease or
 * membership that ran out is nobody's, a change of holder gives a larger token. Stands for the database several hubs
 * share, with a handover queue in memory; the credential epoch never changes.
 */
final class ClockedCoordination implements HubCoordination {
    private final InstantSource clock;
    private final Map<NodeId, NodeLease> leases = new HashMap<>();
    private final Map<HubId, HubMember> members = new HashMap<>();
    private long lastToken;
    private final InMemoryHandover handover = new InMemoryHandover();
    private final Object credentialsUnchanged = new Object();

    ClockedCoordination(InstantSource clock) {
        this.clock = clock;
    }

    private boolean unexpired(Instant until) {
        return until.isAfter(clock.instant());
    }

    @Override
    public HubMembership hubs() {
        return new HubMembership() {
            @Override
            public HubMember announce(HubId hub, String clientAddress, Duration ttl) {
                synchronized (ClockedCoordination.this) {
                    HubMember member = new HubMember(hub, clientAddress, clock.instant().plus(ttl));
                    members.put(hub, member);
                    return member;
                }
            }

            @Override
            public boolean renew(HubId hub, Duration ttl) {
                synchronized (ClockedCoordination.this) {
                    HubMember member = members.get(hub);
                    if (member == null || !unexpired(member.leaseUntil())) {
                        return false;
                    }
                    members.put(hub, new HubMember(hub, member.clientAddress(), clock.instant().plus(ttl)));
                    return true;
                }
            }

            @Override
            public List<HubMember> live() {
                synchronized (ClockedCoordination.this) {
                    return members.values().stream().filter(m -> unexpired(m.leaseUntil())).sorted((a, b) -> a.hub().compareTo(b.hub()))
                            .toList();
                }
            }

            @Override
            public boolean leave(HubId hub) {
                synchronized (ClockedCoordination.this) {
                    return members.remove(hub) != null;
                }
            }
        };
    }

    @Override
    public NodeLeases leases() {
        return new NodeLeases() {
            @Override
            public Optional<NodeLease> acquire(NodeId node, HubId hub, Duration ttl) {
                synchronized (ClockedCoordination.this) {
                    NodeLease current = leases.get(node);
                    if (current != null && !current.holder().equals(hub) && unexpired(current.leaseUntil())) {
                        return Optional.empty();
                    }
                    FencingToken token = current != null && current.holder().equals(hub) ? current.token() : new FencingToken(++lastToken);
                    NodeLease taken = new NodeLease(node, hub, token, clock.instant().plus(ttl));
                    leases.put(node, taken);
                    return Optional.of(taken);
                }
            }

            @Override
            public int renewAll(HubId hub, Duration ttl) {
                synchronized (ClockedCoordination.this) {
                    List<NodeLease> renewed = heldBy(hub);
                    renewed.forEach(l -> leases.put(l.node(), new NodeLease(l.node(), hub, l.token(), clock.instant().plus(ttl))));
                    return renewed.size();
                }
            }

            @Override
            public boolean release(NodeId node, HubId hub, FencingToken token) {
                synchronized (ClockedCoordination.this) {
                    NodeLease current = leases.get(node);
                    return current != null && current.holder().equals(hub) && current.token().equals(token) && leases.remove(node) != null;
                }
            }

            @Override
            public Optional<NodeLease> holder(NodeId node) {
                synchronized (ClockedCoordination.this) {
                    return Optional.ofNullable(leases.get(node)).filter(l -> unexpired(l.leaseUntil()));
                }
            }

            @Override
            public List<NodeLease> heldBy(HubId hub) {
                synchronized (ClockedCoordination.this) {
                    return leases.values().stream().filter(l -> l.holder().equals(hub) && unexpired(l.leaseUntil())).toList();
                }
            }

            @Override
            public boolean stillHolds(NodeId node, HubId hub, FencingToken token) {
                return holder(node).filter(l -> l.holder().equals(hub) && l.token().equals(token)).isPresent();
            }
        };
    }

    @Override
    public HandoverQueue handover() {
        return handover;
    }

    @Override
    public long credentialEpoch() {
        return 0;
    }

    /** Nothing changes credentials behind the hub's back here: waits out the timeout, as a store that hears nothing does. */
    @Override
    public boolean awaitCredentialChange(long seen, Duration timeout) {
        synchronized (credentialsUnchanged) {
            try {
                credentialsUnchanged.wait(Math.max(1, timeout.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return false;
    }

    @Override
    public OptionalLong credentialListening() {
        return OptionalLong.empty();
    }
}
