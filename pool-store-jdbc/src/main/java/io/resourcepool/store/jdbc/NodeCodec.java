package io.resourcepool.store.jdbc;

import io.resourcepool.api.NodeResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A node's reported resources ({@code node-resources/1}) and its labels ({@code labels/1}), each in one
 * text column in the {@link FieldWriter} encoding. The CPU load is written with {@link Double#toString},
 * which reads back to the very same double.
 */
final class NodeCodec {
    static final String RESOURCES = "node-resources/1";
    static final String LABELS = "labels/1";

    private NodeCodec() {}

    static String encode(NodeResources r) {
        FieldWriter w = new FieldWriter(RESOURCES)
                .number(r.logicalCpus())
                .text(Double.toString(r.cpuLoad()))
                .number(r.memoryTotalBytes())
                .number(r.memoryAvailableBytes())
                .number(r.storageTotalBytes())
                .number(r.storageAvailableBytes())
                .number(r.gpus().size());
        r.gpus().forEach(g -> w.text(g.vendor()).text(g.model()).number(g.memoryBytes()));
        return w.encoded();
    }

    static NodeResources decodeResources(String encoded, String what) {
        FieldReader r = new FieldReader(encoded, RESOURCES, what);
        try {
            int cpus = Math.toIntExact(r.number());
            double load = Double.parseDouble(r.text());
            long memTotal = r.number();
            long memAvailable = r.number();
            long storageTotal = r.number();
            long storageAvailable = r.number();
            int gpuCount = r.count();
            List<NodeResources.Gpu> gpus = new ArrayList<>(gpuCount);
            for (int i = 0; i < gpuCount; i++) {
                gpus.add(new NodeResources.Gpu(r.text(), r.text(), r.number()));
            }
            r.end();
            return new NodeResources(cpus, load, memTotal, memAvailable, storageTotal, storageAvailable, gpus);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw r.damaged(e.getMessage());
        }
    }

    static String encode(Map<String, String> labels) {
        return new FieldWriter(LABELS).map(labels).encoded();
    }

    static Map<String, String> decodeLabels(String encoded, String what) {
        FieldReader r = new FieldReader(encoded, LABELS, what);
        Map<String, String> labels = r.map();
        r.end();
        return Map.copyOf(labels);
    }
}
