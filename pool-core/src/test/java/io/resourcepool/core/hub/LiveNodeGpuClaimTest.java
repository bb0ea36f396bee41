package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.JobId;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeResources;
import io.resourcepool.api.ResourceRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hub's side of GPU exclusivity: a node's GPUs are claimed and checked in one step, and given back with the job. */
class LiveNodeGpuClaimTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final LiveNode node = new LiveNode(NodeId.of("n-1"), "h", null, resources(2), Map.of(), "none", false, NOW);

    @Test
    void aClaimBeyondTheFreeGpusIsRefusedAndHoldsNothing() {
        assertThat(node.claim(JobId.random(), gpus(2))).isTrue();

        JobId late = JobId.random();
        assertThat(node.claim(late, gpus(1))).isFalse();
        assertThat(node.runs(late)).isFalse();
        assertThat(node.view().claimed().gpus()).isEqualTo(2);
    }

    @Test
    void aReleasedClaimFreesItsGpus() {
        JobId first = JobId.random();
        node.claim(first, gpus(2));

        node.release(first);

        assertThat(node.claim(JobId.random(), gpus(2))).isTrue();
    }

    @Test
    void aHeartbeatThatBringsAGpuBackSaysSo() {
        assertThat(node.heartbeat(resources(1), NOW)).isFalse();
        assertThat(node.heartbeat(resources(2), NOW)).isTrue();
    }

    @Test
    void aGpuIsShownHeldOnlyByAJobTheHubRunsThere() {
        JobId mine = JobId.random();
        node.claim(mine, gpus(1));
        List<NodeResources.Gpu> reported = resources(2).gpus();
        node.heartbeat(new NodeResources(4, 0.0, 1L << 30, 1L << 30, 0, 0,
                List.of(reported.get(0).withHolder(mine.toString()), reported.get(1).withHolder(JobId.random().toString()))), NOW);

        assertThat(node.resources().gpus()).extracting(NodeResources.Gpu::heldBy).containsExactly(mine.toString(), "");
    }

    @Test
    void onANodeOfTwoModelsTheClaimsOfOneDoNotHoldBackTheOther() {
        LiveNode mixed = new LiveNode(NodeId.of("n-2"), "h", null, new NodeResources(4, 0.0, 1L << 30, 1L << 30, 0, 0,
                List.of(new NodeResources.Gpu(0, "GPU-0", "NVIDIA", "NVIDIA L4", 1, 0, 0.0, 0),
                        new NodeResources.Gpu(0, "GPU-a", "AMD", "AMD Instinct MI210", 1, 0, 0.0, 0))), Map.of(), "none", false, NOW);
        assertThat(mixed.claim(JobId.random(), ResourceRequest.NONE.withGpus(1, "mi210"))).isTrue();

        assertThat(mixed.claim(JobId.random(), ResourceRequest.NONE.withGpus(1, "l4"))).isTrue();
        assertThat(mixed.claim(JobId.random(), ResourceRequest.NONE.withGpus(1, "l4"))).isFalse();
        assertThat(mixed.view().gpuClaims()).extracting(ResourceRequest::gpuModel).containsExactlyInAnyOrder("mi210", "l4");
    }

    @Test
    void jobsWithoutGpusAreNotCheckedHere() {
        assertThat(node.claim(JobId.random(), new ResourceRequest(64, 0))).isTrue();
    }

    private static ResourceRequest gpus(int count) {
        return ResourceRequest.NONE.withGpus(count);
    }

    private static NodeResources resources(int gpus) {
        List<NodeResources.Gpu> list = java.util.stream.IntStream.range(0, gpus)
                .mapToObj(i -> new NodeResources.Gpu(i, "GPU-" + i, "NVIDIA", "NVIDIA L4", 1, 0, 0.0, 0)).toList();
        return new NodeResources(4, 0.0, 1L << 30, 1L << 30, 0, 0, list);
    }
}
