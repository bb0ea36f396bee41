package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.BusyException;
import io.resourcepool.api.HubId;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.spi.store.FencingToken;
import io.resourcepool.testkit.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A worker retrying its REGISTER at a hub whose node another hub holds: the refusal is reported (to be audited, and
 * logged) at the first retry of an episode only, and again once the node registered here, another hub holds it, or
 * the node timeout passed.
 */
class LeaseRefusalsTest {
    private static final Duration TTL = Duration.ofSeconds(15);
    private static final NodeId NODE = NodeId.of("w1");

    private final ManualClock clock = ManualClock.start();
    private final ClockedCoordination database = new ClockedCoordination(clock);
    private final HubLeases hubA = hub("hub-a");
    private final HubLeases hubB = hub("hub-b");
    private final List<String> reported = new ArrayList<>();

    @Test
    void retriesWithinAnEpisodeAreRefusedButReportedOnce() {
        hubA.take(NODE, why -> {});

        for (int retry = 0; retry < 10; retry++) {
            refusedByB();
            clock.advance(Duration.ofSeconds(1));
            hubA.renew();
        }

        assertThat(reported).hasSize(1);
        assertThat(reported.getFirst()).contains("node w1 is held by hub hub-a");
    }

    @Test
    void aNewEpisodeBeginsOnceTheWindowPassed() {
        hubA.take(NODE, why -> {});
        refusedByB();
        clock.advance(TTL.minusSeconds(1));
        hubA.renew();
        refusedByB();
        assertThat(reported).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        refusedByB();

        assertThat(reported).hasSize(2);
    }

    @Test
    void aNewEpisodeBeginsOnceTheNodeRegisteredHereOrAnotherHubHoldsIt() {
        FencingToken onA = hubA.take(NODE, why -> {}).orElseThrow();
        refusedByB();
        database.leases().release(NODE, HubId.of("hub-a"), onA);
        FencingToken onB = hubB.take(NODE, why -> {}).orElseThrow();
        database.leases().release(NODE, HubId.of("hub-b"), onB);
        hubA.take(NODE, why -> {});

        refusedByB();
        assertThat(reported).as("after registering on B").hasSize(2);

        database.leases().release(NODE, HubId.of("hub-a"), database.leases().holder(NODE).orElseThrow().token());
        database.leases().acquire(NODE, HubId.of("hub-c"), TTL);
        refusedByB();
        assertThat(reported).as("held by another hub").hasSize(3);
        assertThat(reported.getLast()).contains("held by hub hub-c");
    }

    @Test
    void eachNodeHasItsOwnEpisodes() {
        NodeId other = NodeId.of("w2");
        hubA.take(NODE, why -> {});
        hubA.take(other, why -> {});

        refusedByB();
        assertThatThrownBy(() -> hubB.take(other, reported::add)).isInstanceOf(BusyException.class);
        refusedByB();

        assertThat(reported).hasSize(2);
    }

    private void refusedByB() {
        assertThatThrownBy(() -> hubB.take(NODE, reported::add)).isInstanceOf(BusyException.class)
                .hasMessageContaining("is held by hub");
    }

    private HubLeases hub(String name) {
        HubLeases leases = new HubLeases(Optional.of(database), HubId.of(name), TTL, clock);
        leases.announce("127.0.0.1:" + (7443 + name.length()));
        return leases;
    }
}
