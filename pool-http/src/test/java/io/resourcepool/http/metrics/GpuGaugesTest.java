package io.resourcepool.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.resourcepool.api.NodeId;
import io.resourcepool.api.NodeResources.Gpu;
import io.resourcepool.core.hub.HubStatus.NodeGpus;
import java.util.List;
import org.junit.jupiter.api.Test;

class GpuGaugesTest {
    @Test
    void eachGpuIsAPointLabelledByItsNodeIndexUuidAndModel() {
        Gpu busy = new Gpu(1, "GPU-b", "NVIDIA", "NVIDIA L4", 24L << 30, 20L << 30, 0.9, 71);
        List<MetricSnapshot> gauges = GpuGauges.of(List.of(new NodeGpus(NodeId.of("lab-1"), List.of(busy), 1)));

        GaugeSnapshot used = (GaugeSnapshot) gauges.stream().filter(g -> g.getMetadata().getName().equals("resourcepool_gpu_memory_used_bytes"))
                .findFirst().orElseThrow();
        assertThat(used.getDataPoints()).singleElement().satisfies(point -> {
            assertThat(point.getValue()).isEqualTo(20L << 30);
            assertThat(point.getLabels().get("node")).isEqualTo("lab-1");
            assertThat(point.getLabels().get("index")).isEqualTo("1");
            assertThat(point.getLabels().get("uuid")).isEqualTo("GPU-b");
            assertThat(point.getLabels().get("model")).isEqualTo("NVIDIA L4");
        });
        GaugeSnapshot held = (GaugeSnapshot) gauges.stream().filter(g -> g.getMetadata().getName().equals("resourcepool_gpu_busy")).findFirst()
                .orElseThrow();
        assertThat(held.getDataPoints()).singleElement().satisfies(point -> assertThat(point.getValue()).isZero());
        GaugeSnapshot claimed = (GaugeSnapshot) gauges.get(0);
        assertThat(claimed.getMetadata().getName()).isEqualTo("resourcepool_gpus_claimed");
        assertThat(claimed.getDataPoints()).singleElement().satisfies(point -> assertThat(point.getValue()).isEqualTo(1));
    }

    @Test
    void aGpuHeldByAJobIsBusy() {
        Gpu held = new Gpu(0, "GPU-a", "NVIDIA", "NVIDIA L4", 24L << 30, 0, 0.0, 40).withHolder("job-1");
        GaugeSnapshot busy = (GaugeSnapshot) GpuGauges.of(List.of(new NodeGpus(NodeId.of("lab-1"), List.of(held), 1))).stream()
                .filter(g -> g.getMetadata().getName().equals("resourcepool_gpu_busy")).findFirst().orElseThrow();

        assertThat(busy.getDataPoints()).singleElement().satisfies(point -> assertThat(point.getValue()).isEqualTo(1));
    }

    @Test
    void aPoolWithoutGpusHasNoPoints() {
        assertThat(GpuGauges.of(List.of())).allSatisfy(g -> assertThat(g.getDataPoints()).isEmpty());
    }
}
