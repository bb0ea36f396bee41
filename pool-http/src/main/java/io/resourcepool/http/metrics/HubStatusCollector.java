package io.resourcepool.http.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.resourcepool.api.PoolAggregate;
import io.resourcepool.core.hub.HubStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The pool's gauges, read from the hub's status once per scrape so that they agree with each other: nodes online
 * and connected, CPUs and memory in all and in use, storage and GPUs, jobs waiting and running, the free space of the
 * hub's own disk and whether it refuses jobs for want of it, each GPU's memory, use and temperature ({@link GpuGauges}), results waiting to be written again, and whether the store answers. Nothing is
 * reported while no hub is watched (or once it has stopped).
 */
final class HubStatusCollector implements MultiCollector {
    private static final List<String> NAMES = List.of("resourcepool_nodes_online", "resourcepool_nodes_connected", "resourcepool_cpus",
            "resourcepool_cpus_in_use", "resourcepool_memory_bytes", "resourcepool_memory_in_use_bytes", "resourcepool_storage_bytes",
            "resourcepool_storage_available_bytes", "resourcepool_gpus", "resourcepool_jobs", "resourcepool_output_buffered_bytes",
            "resourcepool_output_followers_dropped", "resourcepool_hub_disk_free_bytes", "resourcepool_hub_disk_reserve_bytes",
            "resourcepool_hub_disk_full", "resourcepool_results_unrecorded",
            "resourcepool_store_reachable", "resourcepool_store_unreachable_seconds", "resourcepool_gpus_claimed", "resourcepool_gpu_memory_bytes",
            "resourcepool_gpu_memory_used_bytes", "resourcepool_gpu_utilization", "resourcepool_gpu_temperature_celsius",
            "resourcepool_heartbeats_received");

    private final Supplier<Optional<HubStatus>> status;

    HubStatusCollector(Supplier<Optional<HubStatus>> status) {
        this.status = status;
    }

    @Override
    public MetricSnapshots collect() {
        return status.get().map(HubStatusCollector::snapshots).orElseGet(MetricSnapshots::of);
    }

    @Override
    public List<String> getPrometheusNames() {
        return NAMES;
    }

    private static MetricSnapshots snapshots(HubStatus s) {
        List<MetricSnapshot> gauges = new ArrayList<>(pool(s));
        gauges.addAll(GpuGauges.of(s.nodeGpus()));
        if (s.diskFreeBytes() != HubStatus.UNMEASURED) {
            gauges.add(gauge("resourcepool_hub_disk_free_bytes", "Free space on the fullest disk the hub writes to", s.diskFreeBytes()));
        }
        gauges.add(gauge("resourcepool_hub_disk_reserve_bytes", "Free space under which the hub refuses new jobs (hub.min-free-disk)",
                s.diskReserveBytes()));
        gauges.add(gauge("resourcepool_hub_disk_full", "1 while the hub refuses new jobs because its disk is (nearly) full", s.diskFull() ? 1 : 0));
        gauges.add(gauge("resourcepool_results_unrecorded", "Job results the store could not take yet, which the hub writes again",
                s.unrecordedResults()));
        gauges.add(CounterSnapshot.builder().name("resourcepool_heartbeats_received").help("Worker heartbeats received since the hub started")
                .dataPoint(CounterDataPointSnapshot.builder().value(s.heartbeatsReceived()).build()).build());
        return new MetricSnapshots(gauges);
    }

    private static List<MetricSnapshot> pool(HubStatus s) {
        PoolAggregate a = s.aggregate();
        return List.of(
                gauge("resourcepool_nodes_online", "Nodes connected and heartbeating", a.onlineNodes()),
                gauge("resourcepool_nodes_connected", "Workers connected, online or gone silent", s.connectedNodes()),
                gauge("resourcepool_cpus", "Logical CPUs on the online nodes", a.logicalCpus()),
                gauge("resourcepool_cpus_in_use", "CPUs in use on the online nodes, summed from their load", a.cpusInUse()),
                gauge("resourcepool_memory_bytes", "Physical memory of the online nodes", a.memoryTotalBytes()),
                gauge("resourcepool_memory_in_use_bytes", "Memory of the online nodes not available to new work",
                        Math.max(0, a.memoryTotalBytes() - a.memoryAvailableBytes())),
                gauge("resourcepool_storage_bytes", "Storage of the online nodes' work file systems", a.storageTotalBytes()),
                gauge("resourcepool_storage_available_bytes", "Free storage on those file systems", a.storageAvailableBytes()),
                gauge("resourcepool_gpus", "Compute accelerators on the online nodes", a.gpus()),
                gauge("resourcepool_output_buffered_bytes", "Job output held for followers that read more slowly than their jobs write",
                        s.outputBufferedBytes()),
                gauge("resourcepool_output_followers_dropped", "Followers of job output dropped since the hub started for falling behind",
                        s.followersDropped()),
                gauge("resourcepool_store_reachable", "1 while the hub's store answers, 0 while it is unreachable (new jobs are refused)",
                        s.storeReachable() ? 1 : 0),
                gauge("resourcepool_store_unreachable_seconds", "For how long the hub's store has not answered, 0 while it answers",
                        s.storeUnreachableSeconds()),
                GaugeSnapshot.builder().name("resourcepool_jobs").help("Jobs waiting for a node (queued) and placed on one (running)")
                        .dataPoint(point(s.queuedJobs(), Labels.of("state", "queued")))
                        .dataPoint(point(s.runningJobs(), Labels.of("state", "running")))
                        .build());
    }

    static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help).dataPoint(point(value, Labels.EMPTY)).build();
    }

    static GaugeDataPointSnapshot point(double value, Labels labels) {
        return GaugeDataPointSnapshot.builder().value(value).labels(labels).build();
    }
}
