package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.JobId;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeResources;
import io.resourcepool.api.ResourceRequest;
import io.resourcepool.api.spi.scheduler.NodeView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A node's view for the scheduler is kept between changes, and every change shows in the next one. */
class LiveNodeViewTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final NodeResources FOUR_CPUS = new NodeResources(4, 0.1, 8L << 30, 4L << 30, 0, 0, List.of());

    private final LiveNode node = new LiveNode(NodeId.of("n-1"), "h", null, FOUR_CPUS, Map.of("zone", "east"), "none", false, NOW);

    @Test
    void theViewIsKeptWhileNothingChanges() {
        assertThat(node.view()).isSameAs(node.view());
    }

    @Test
    void aClaimAnAssignmentAndAReleaseEachShowInTheNextView() {
        NodeView before = node.view();
        JobId claimed = JobId.random();
        JobId assigned = JobId.random();

        node.claim(claimed, new ResourceRequest(2, 1L << 30, 0, ""));
        assertThat(node.view().runningJobs()).isEqualTo(1);
        assertThat(node.view().claimed().cpus()).isEqualTo(2);
        node.assign(assigned, new ResourceRequest(1, 0, 0, ""));
        assertThat(node.view().claimed().cpus()).isEqualTo(3);
        node.release(claimed);
        node.release(assigned);

        assertThat(node.view().runningJobs()).isZero();
        assertThat(node.view()).isNotSameAs(before).isEqualTo(before);
    }

    @Test
    void aHeartbeatAndADrainShowInTheNextView() {
        node.view();
        NodeResources busier = new NodeResources(4, 0.9, 8L << 30, 1L << 30, 0, 0, List.of());

        node.heartbeat(busier, NOW.plusSeconds(5));
        assertThat(node.view().resources()).isEqualTo(busier);
        node.setDrained(true);
        assertThat(node.view().drained()).isTrue();
    }
}
