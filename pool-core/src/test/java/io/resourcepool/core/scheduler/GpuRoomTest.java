package io.resourcepool.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.JobSpec;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeResources;
import io.resourcepool.api.NodeResources.Gpu;
import io.resourcepool.api.ResourceRequest;
import io.resourcepool.api.spi.scheduler.NodeView;
import io.resourcepool.api.spi.scheduler.PoolView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** GPU claims counted model by model on a node with GPUs of several models. */
class GpuRoomTest {
    /** Three L4 and two MI210. */
    private static final List<Gpu> MIXED = Stream.concat(IntStream.range(0, 3).mapToObj(i -> gpu(i, "NVIDIA", "NVIDIA L4")),
            IntStream.range(0, 2).mapToObj(i -> gpu(i, "AMD", "AMD Instinct MI210"))).toList();

    @Test
    void aJobForOneModelIsNotHeldBackByClaimsOfAnother() {
        List<ResourceRequest> bothMi210Held = List.of(claim(2, "mi210"));

        assertThat(GpuRoom.fits(claim(3, "l4"), MIXED, bothMi210Held)).isTrue();
        assertThat(GpuRoom.fits(claim(1, "mi210"), MIXED, bothMi210Held)).isFalse();
        assertThat(GpuRoom.fits(claim(4, "l4"), MIXED, bothMi210Held)).as("only three L4").isFalse();
    }

    @Test
    void aClaimThatNamesNoModelCompetesWithEveryModel() {
        assertThat(GpuRoom.fits(claim(3, "l4"), MIXED, List.of(claim(1, "")))).as("it may be on an L4").isFalse();
        assertThat(GpuRoom.fits(claim(2, "l4"), MIXED, List.of(claim(1, "")))).isTrue();
        assertThat(GpuRoom.fits(claim(3, ""), MIXED, List.of(claim(2, "mi210")))).isTrue();
        assertThat(GpuRoom.fits(claim(4, ""), MIXED, List.of(claim(2, "mi210")))).isFalse();
    }

    @Test
    void claimsWhoseModelsOverlapCountAgainstEachOther() {
        assertThat(GpuRoom.fits(claim(1, "l4"), MIXED, List.of(claim(3, "nvidia")))).isFalse();
        assertThat(GpuRoom.fits(claim(2, "mi210"), MIXED, List.of(claim(3, "nvidia")))).isTrue();
    }

    @Test
    void theSchedulerPlacesAJobForOneModelBesideAnotherModelsJobs() {
        NodeResources resources = new NodeResources(8, 0.0, 1L << 34, 1L << 34, 0, 0, MIXED);
        ResourceRequest held = claim(2, "mi210");
        NodeView byModel = new NodeView(NodeId.of("mixed"), resources, Map.of(), false, 1, held, List.of(held));
        NodeView sumOnly = new NodeView(NodeId.of("mixed"), resources, Map.of(), false, 1, held);
        JobSpec threeL4 = JobSpec.of("train").withResources(claim(3, "l4"));

        assertThat(EligibleNodes.of(threeL4, new PoolView(List.of(byModel), Instant.EPOCH))).containsExactly(byModel);
        assertThat(EligibleNodes.of(threeL4, new PoolView(List.of(sumOnly), Instant.EPOCH)))
                .as("a view without the claims' models counts them against every model").isEmpty();
    }

    private static ResourceRequest claim(int gpus, String model) {
        return ResourceRequest.NONE.withGpus(gpus, model);
    }

    private static Gpu gpu(int index, String vendor, String model) {
        return new Gpu(index, "GPU-" + vendor + index, vendor, model, 1L << 30, 0, 0.0, 0);
    }
}
