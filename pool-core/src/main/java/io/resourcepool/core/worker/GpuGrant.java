package io.resourcepool.core.worker;

import io.resourcepool.api.NodeResources.Gpu;
import io.resourcepool.api.spi.sandbox.DeviceNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a job sees of the GPUs it was given:
 * <ul>
 *   <li>{@code CUDA_VISIBLE_DEVICES} and {@code NVIDIA_VISIBLE_DEVICES}: its GPUs' UUIDs, comma-separated (their
 *       indexes where a UUID is unknown, as for GPUs an operator stated); on a machine with GPUs a job given none
 *       gets an empty {@code CUDA_VISIBLE_DEVICES} and {@code NVIDIA_VISIBLE_DEVICES=void}, so CUDA finds no
 *       device. These replace any the job's spec sets;</li>
 *   <li>device nodes: {@code nvidiaN} for each of its GPUs, and the driver's shared nodes ({@code nvidiactl},
 *       {@code nvidia-uvm}, {@code nvidia-uvm-tools}, {@code nvidia-modeset}) that exist, taken from the device
 *       directory (normally {@code /dev}) and shown at {@code /dev/…}; a job given no GPU gets no node.</li>
 * </ul>
 */
record GpuGrant(Map<String, String> environment, List<DeviceNode> devices) {
    /** The driver's nodes every GPU job needs besides its own cards. */
    static final List<String> SHARED_NODES = List.of("nvidiactl", "nvidia-uvm", "nvidia-uvm-tools", "nvidia-modeset");
    private static final Path DEV = Path.of("/dev");

    GpuGrant {
        environment = Map.copyOf(environment);
        devices = List.copyOf(devices);
    }

    /** Nothing to show: a machine without GPUs. */
    static final GpuGrant NONE = new GpuGrant(Map.of(), List.of());

    /**
     * The grant of some GPUs.
     *
     * @param given the job's GPUs, empty for none
     * @param machineHasGpus whether the machine has GPUs the job must not see
     * @param deviceRoot the directory holding the device nodes, normally {@code /dev}
     * @return the grant
     */
    static GpuGrant of(List<Gpu> given, boolean machineHasGpus, Path deviceRoot) {
        if (given.isEmpty()) {
            return machineHasGpus ? new GpuGrant(Map.of("CUDA_VISIBLE_DEVICES", "", "NVIDIA_VISIBLE_DEVICES", "void"), List.of()) : NONE;
        }
        boolean byUuid = given.stream().noneMatch(gpu -> gpu.uuid().isEmpty());
        String visible = given.stream().map(gpu -> byUuid ? gpu.uuid() : Integer.toString(gpu.index())).collect(Collectors.joining(","));
        List<DeviceNode> devices = new ArrayList<>();
        given.forEach(gpu -> node(deviceRoot, "nvidia" + gpu.index(), devices));
        SHARED_NODES.forEach(name -> node(deviceRoot, name, devices));
        return new GpuGrant(Map.of("CUDA_VISIBLE_DEVICES", visible, "NVIDIA_VISIBLE_DEVICES", visible), devices);
    }

    private static void node(Path deviceRoot, String name, List<DeviceNode> devices) {
        Path host = deviceRoot.toAbsolutePath().resolve(name);
        if (Files.exists(host)) {
            devices.add(new DeviceNode(host, DEV.resolve(name)));
        }
    }

    /**
     * The job's environment with the GPU variables, which win over the spec's.
     *
     * @param spec the environment the spec asks for
     * @return the environment the job gets
     */
    Map<String, String> environmentOver(Map<String, String> spec) {
        if (environment.isEmpty()) {
            return spec;
        }
        Map<String, String> all = new java.util.HashMap<>(spec);
        all.putAll(environment);
        return all;
    }
}
