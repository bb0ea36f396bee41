package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.BusyException;
import io.resourcepool.api.HubId;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeResources;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.AuditLog;
import io.resourcepool.api.spi.store.AuditQuery;
import io.resourcepool.api.spi.store.FencingToken;
import io.resourcepool.api.spi.store.NodeLease;
import io.resourcepool.api.spi.transport.Connection;
import io.resourcepool.api.spi.transport.Frame;
import io.resourcepool.api.spi.transport.PeerCertificate;
import io.resourcepool.core.auth.RateLimits;
import io.resourcepool.core.protocol.MessageChannel;
import io.resourcepool.core.protocol.MessageCodec;
import io.resourcepool.testkit.store.InMemoryStore;
import io.resourcepool.testkit.time.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The timers' lease round of a hub sharing its database with others ({@link ClockedCoordination} standing for it,
 * driven by a manual clock): a connected node whose lease ran out is taken again under a new token, or dropped when
 * another hub took it; and the per-source limits follow the number of live hubs.
 */
class LeaseRoundTest {
    private static final Duration TTL = Duration.ofSeconds(15);
    private static final HubId HUB_A = HubId.of("hub-a");
    private static final HubId HUB_B = HubId.of("hub-b");
    private static final NodeId NODE = NodeId.of("w1");

    private final ManualClock clock = ManualClock.start();
    private final ClockedCoordination database = new ClockedCoordination(clock);
    private final HubLeases leases = new HubLeases(Optional.of(database), HUB_A, TTL, clock);
    private final NodeRegistry registry = new NodeRegistry(clock, TTL);
    private final AuditLog audit = InMemoryStore.opened().audit();
    private final SourceLimits limits = new SourceLimits(RateLimits.defaults(), audit, HubObserver.NONE, clock);
    private final LeaseRound round = new LeaseRound(leases, registry, limits, audit, clock);
    private final FakeConnection connection = new FakeConnection();

    @Test
    void aLeaseRenewedInTimeIsLeftAsItIs() {
        LiveNode node = connect();
        FencingToken token = node.lease().orElseThrow();

        for (int i = 0; i < 4; i++) {
            clock.advance(TTL.dividedBy(2));
            round.run();
        }

        assertThat(node.lease()).contains(token);
        assertThat(database.leases().holder(NODE)).map(NodeLease::token).contains(token);
        assertThat(connection.open).isTrue();
        assertThat(actions()).doesNotContain("node.lease-lost");
    }

    @Test
    void aLeaseThatRanOutWithNobodyElseHoldingTheNodeIsTakenAgain() {
        LiveNode node = connect();
        FencingToken before = node.lease().orElseThrow();

        clock.advance(TTL.plusSeconds(1)); // the hub was paused past its lease
        assertThat(leases.lost()).containsOnlyKeys(NODE);
        round.run();

        NodeLease now = database.leases().holder(NODE).orElseThrow();
        assertThat(now.holder()).isEqualTo(HUB_A);
        assertThat(now.token()).as("nobody held it meanwhile: the store keeps the token").isEqualTo(before);
        assertThat(node.lease()).contains(now.token());
        assertThat(connection.open).isTrue();
        assertThat(leases.lost()).isEmpty();
        assertThat(actions()).doesNotContain("node.lease-lost");
    }

    @Test
    void aNodeAnotherHubHeldMeanwhileAndLetGoIsTakenAgainUnderANewTokenThatTheLiveNodeGets() {
        LiveNode node = connect();
        FencingToken before = node.lease().orElseThrow();
        clock.advance(TTL.plusSeconds(1));
        NodeLease onB = database.leases().acquire(NODE, HUB_B, TTL).orElseThrow();
        database.leases().release(NODE, HUB_B, onB.token());

        round.run();

        NodeLease now = database.leases().holder(NODE).orElseThrow();
        assertThat(now.holder()).isEqualTo(HUB_A);
        assertThat(now.token()).isGreaterThan(onB.token()).isGreaterThan(before);
        assertThat(node.lease()).as("the live node's token").contains(now.token());
        assertThat(connection.open).isTrue();
        assertThat(leases.lost()).isEmpty();
    }

    @Test
    void aNodeAnotherHubTookWhileThisHubWasPausedIsDroppedAuditedOnceAndNoLongerHeld() {
        connect();
        clock.advance(TTL.plusSeconds(1));
        NodeLease taken = database.leases().acquire(NODE, HUB_B, TTL).orElseThrow();

        round.run();
        round.run();

        assertThat(connection.open).as("the node's connection").isFalse();
        List<AuditEvent> lost = audit.list(AuditQuery.latest(100)).stream().map(e -> e.event())
                .filter(e -> e.action().equals("node.lease-lost")).toList();
        assertThat(lost).hasSize(1);
        assertThat(lost.getFirst().target()).isEqualTo(NODE.value());
        assertThat(lost.getFirst().detail()).contains("held by hub " + HUB_B);
        assertThat(leases.lost()).as("no longer treated as held").isEmpty();
        assertThat(database.leases().holder(NODE)).contains(taken);
        assertThatThrownBy(() -> leases.take(NODE, why -> {})).isInstanceOf(BusyException.class).hasMessageContaining("held by hub " + HUB_B);
    }

    @Test
    void theLimitsFollowTheNumberOfLiveHubsAtEachRound() {
        leases.announce("127.0.0.1:7443");
        round.run();
        assertThat(limits.loginFailuresAllowed()).isEqualTo(5);

        database.hubs().announce(HUB_B, "127.0.0.2:7443", TTL);
        database.hubs().announce(HubId.of("hub-c"), "127.0.0.3:7443", TTL);
        round.run();
        assertThat(limits.loginFailuresAllowed()).as("5 among 3 hubs, rounded up").isEqualTo(2);
        assertThat(limits.enrolmentsAllowed()).as("10 among 3 hubs, rounded up").isEqualTo(4);

        clock.advance(TTL.plusSeconds(1)); // the other two stopped renewing; hub A announces itself again
        round.run();
        assertThat(limits.loginFailuresAllowed()).isEqualTo(5);
        assertThat(limits.enrolmentsAllowed()).isEqualTo(10);
    }

    /** A node registered with hub A as a REGISTER does it: under its lease, with the token kept with the live node. */
    private LiveNode connect() {
        leases.announce("127.0.0.1:7443");
        FencingToken token = leases.take(NODE, why -> {}).orElseThrow();
        LiveNode node = new LiveNode(NODE, "h", new MessageChannel(connection, new MessageCodec(1 << 20)),
                new NodeResources(4, 0, 1L << 30, 1L << 30, 1L << 30, 1L << 30, List.of()), Map.of(), "none", false, clock.instant());
        node.leasedUnder(Optional.of(token));
        registry.connect(node);
        return node;
    }

    private List<String> actions() {
        return audit.list(AuditQuery.latest(100)).stream().map(e -> e.event().action()).toList();
    }

    private static final class FakeConnection implements Connection {
        volatile boolean open = true;

        @Override
        public Frame receive() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void send(Frame frame) {}

        @Override
        public Optional<PeerCertificate> peerCertificate() {
            return Optional.empty();
        }

        @Override
        public String remoteAddress() {
            return "192.0.2.1:4000";
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
