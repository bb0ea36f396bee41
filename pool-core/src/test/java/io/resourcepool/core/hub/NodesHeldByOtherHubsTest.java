package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.HubId;
import io.resourcepool.api.NodeId;
import io.resourcepool.testkit.time.ManualClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link HubLeases#heldByOtherHubs}, which lets a hub list the nodes connected to the other hubs of its pool online:
 * the nodes each other live hub holds, not its own, not those of a hub whose membership ran out, and none without
 * coordination.
 */
class NodesHeldByOtherHubsTest {
    private static final Duration TTL = Duration.ofSeconds(15);
    private static final HubId HUB_A = HubId.of("hub-a");
    private static final HubId HUB_B = HubId.of("hub-b");
    private static final HubId HUB_C = HubId.of("hub-c");

    private final ManualClock clock = ManualClock.start();
    private final ClockedCoordination database = new ClockedCoordination(clock);
    private final HubLeases leases = new HubLeases(Optional.of(database), HUB_A, TTL, clock);

    @Test
    void theNodesOfTheOtherLiveHubsAreListedAndThoseOfThisHubAreNot() {
        announceHolding(HUB_A, "a1");
        announceHolding(HUB_B, "b1", "b2");
        announceHolding(HUB_C, "c1");

        assertThat(leases.heldByOtherHubs()).containsExactlyInAnyOrder(NodeId.of("b1"), NodeId.of("b2"), NodeId.of("c1"));
    }

    @Test
    void theNodesOfAHubWhoseMembershipRanOutAreNotListed() {
        database.hubs().announce(HUB_B, "127.0.0.1:7443", TTL);
        clock.advance(TTL.dividedBy(2));
        assertThat(database.leases().acquire(NodeId.of("b1"), HUB_B, TTL)).isPresent();
        announceHolding(HUB_C, "c1");
        clock.advance(TTL.dividedBy(2).plusSeconds(1)); // hub B's membership ran out, though its lease on b1 has not yet

        assertThat(database.leases().holder(NodeId.of("b1"))).isPresent();

        assertThat(leases.heldByOtherHubs()).containsExactly(NodeId.of("c1"));
    }

    @Test
    void withoutCoordinationNoNodeIsHeldElsewhere() {
        assertThat(new HubLeases(Optional.empty(), HUB_A, TTL, clock).heldByOtherHubs()).isEmpty();
    }

    private void announceHolding(HubId hub, String... nodes) {
        database.hubs().announce(hub, "127.0.0.1:7443", TTL);
        for (String node : nodes) {
            assertThat(database.leases().acquire(NodeId.of(node), hub, TTL)).isPresent();
        }
    }
}
