package io.resourcepool.core.worker;

import io.resourcepool.api.NodeResources.Gpu;
import io.resourcepool.api.ResourceRequest;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which of this machine's GPUs each running job attempt holds. A GPU is held by one job at most, from the moment the job is
 * given it until the job has ended, whatever way it ends; a job is given only GPUs the probe last saw, so a GPU that
 * disappeared is given to no one. Among the free GPUs of the model asked for, the least used (memory, then
 * utilisation, then index) are given first, so that a card something outside the pool is using is the last choice.
 * Thread-safe.
 */
final class GpuAssignments {
    private static final Comparator<Gpu> LEAST_USED_FIRST = Comparator.comparingLong(Gpu::memoryUsedBytes)
            .thenComparingDouble(Gpu::utilization).thenComparingInt(Gpu::index);

    private List<Gpu> present = List.of();
    private final Map<Object, Holding> held = new HashMap<>();

    /**
     * What the probe saw at its last sample.
     *
     * @param gpus the GPUs present now
     */
    synchronized void present(List<Gpu> gpus) {
        present = List.copyOf(gpus);
    }

    /**
     * Gives a job the GPUs it asks for, if enough are free.
     *
     * @param job the job's attempt, compared by identity: a later attempt of the same job holds its own GPUs
     * @param holder the job's name, as reports give it
     * @param request what it claims; no GPU is given for a claim of none
     * @return the GPUs given, empty when the claim asks for none; nothing when too few are free, in which case the job
     *     holds nothing
     */
    synchronized Optional<List<Gpu>> assign(Object job, String holder, ResourceRequest request) {
        if (request.gpus() == 0) {
            return Optional.of(List.of());
        }
        Set<Device> taken = new HashSet<>();
        held.values().forEach(holding -> holding.gpus().forEach(gpu -> taken.add(Device.of(gpu))));
        List<Gpu> free = present.stream().filter(gpu -> !taken.contains(Device.of(gpu))).filter(request::acceptsModel)
                .sorted(LEAST_USED_FIRST).toList();
        if (free.size() < request.gpus()) {
            return Optional.empty();
        }
        List<Gpu> given = free.subList(0, request.gpus()).stream().sorted(Comparator.comparingInt(Gpu::index)).toList();
        held.put(job, new Holding(holder, given));
        return Optional.of(given);
    }

    /**
     * The job has ended: its GPUs are free again.
     *
     * @param job the job's attempt, as given to {@link #assign}
     */
    synchronized void release(Object job) {
        held.remove(job);
    }

    /**
     * The GPUs of a sample, each marked with the job that holds it here.
     *
     * @param sampled the GPUs as the probe saw them
     * @return the same GPUs, those held with their holder's name
     */
    synchronized List<Gpu> marked(List<Gpu> sampled) {
        Map<Device, String> holders = new HashMap<>();
        held.values().forEach(holding -> holding.gpus().forEach(gpu -> holders.put(Device.of(gpu), holding.holder())));
        return sampled.stream().map(gpu -> gpu.withHolder(holders.getOrDefault(Device.of(gpu), ""))).toList();
    }

    /**
     * The families of the machine's GPUs: a job given none of a family present is shown none of it.
     *
     * @return those of the GPUs the last sample saw
     */
    synchronized Set<GpuGrant.Family> families() {
        return present.stream().map(GpuGrant.Family::of).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private record Holding(String holder, List<Gpu> gpus) {}

    /**
     * One device: each vendor numbers its own GPUs, so an NVIDIA and an AMD GPU may share an index, and the MIG
     * devices of one card share its index, told apart by their UUIDs.
     */
    private record Device(String vendor, int index, String uuid) {
        static Device of(Gpu gpu) {
            return new Device(gpu.vendor().toLowerCase(java.util.Locale.ROOT), gpu.index(), gpu.uuid());
        }
    }
}
