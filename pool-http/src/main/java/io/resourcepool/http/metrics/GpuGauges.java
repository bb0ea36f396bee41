package io.resourcepool.http.metrics;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.resourcepool.api.NodeResources.Gpu;
import io.resourcepool.core.hub.HubStatus.NodeGpus;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One gauge per GPU figure, each GPU a data point labelled by its node, index, UUID and model, so that a dashboard
 * can follow one card: memory, memory in use, utilisation (0 to 1), temperature and whether a job holds it, as its
 * worker last reported them; and the GPUs the running jobs claim, per node. A pool without GPUs has none of these points.
 */
final class GpuGauges {
    private GpuGauges() {}

    static List<MetricSnapshot> of(List<NodeGpus> nodes) {
        GaugeSnapshot.Builder claimed = GaugeSnapshot.builder().name("resourcepool_gpus_claimed").help("GPUs the running jobs claim, per node");
        nodes.forEach(n -> claimed.dataPoint(HubStatusCollector.point(n.claimed(), Labels.of("node", n.node().value()))));
        return List.of(claimed.build(),
                perGpu(nodes, "resourcepool_gpu_memory_bytes", "Each GPU's memory", Gpu::memoryBytes),
                perGpu(nodes, "resourcepool_gpu_memory_used_bytes", "Each GPU's memory in use, by anything on its machine", Gpu::memoryUsedBytes),
                perGpu(nodes, "resourcepool_gpu_utilization", "The fraction of time each GPU was busy, 0 to 1", Gpu::utilization),
                perGpu(nodes, "resourcepool_gpu_temperature_celsius", "Each GPU's temperature", Gpu::temperatureCelsius),
                perGpu(nodes, "resourcepool_gpu_busy", "1 while a job of the pool holds the GPU, else 0", gpu -> gpu.busy() ? 1 : 0));
    }

    private static GaugeSnapshot perGpu(List<NodeGpus> nodes, String name, String help, ToDoubleFunction<Gpu> figure) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        for (NodeGpus n : nodes) {
            for (Gpu gpu : n.gpus()) {
                gauge.dataPoint(HubStatusCollector.point(figure.applyAsDouble(gpu), Labels.of("node", n.node().value(), "index",
                        Integer.toString(gpu.index()), "uuid", gpu.uuid(), "model", gpu.model())));
            }
        }
        return gauge.build();
    }
}
