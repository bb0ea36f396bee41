package io.resourcepool.core.worker;

import io.resourcepool.api.NodeResources.Gpu;
import io.resourcepool.api.spi.sandbox.DeviceNode;
import io.resourcepool.core.probe.AmdgpuSysfs;
import io.resourcepool.core.probe.NvidiaMig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What a job sees of the GPUs it was given. Each GPU belongs to a runtime family, CUDA (NVIDIA's GPUs, and stated
 * ones of no known vendor) or ROCm (AMD's), whose runtimes read their own variables:
 * <ul>
 *   <li>CUDA: {@code CUDA_VISIBLE_DEVICES} and {@code NVIDIA_VISIBLE_DEVICES} hold the job's GPUs' UUIDs,
 *       comma-separated (their indexes where a UUID is unknown, as for GPUs an operator stated; a MIG device's
 *       {@code MIG-} UUID); device nodes {@code nvidiaN} for each (a MIG device's card's), the driver's shared nodes
 *       ({@code nvidiactl}, {@code nvidia-uvm}, {@code nvidia-uvm-tools}, {@code nvidia-modeset}) that exist, and
 *       for MIG devices the capability nodes under {@code nvidia-caps};</li>
 *   <li>ROCm: {@code ROCR_VISIBLE_DEVICES} holds their UUIDs ({@code GPU-} and the card's unique id; their indexes
 *       where one has none), and {@code HIP_VISIBLE_DEVICES} numbers them from 0, as HIP counts only the devices
 *       ROCr lets it see; device nodes {@code /dev/kfd} (shared by every ROCm process) and the render node
 *       {@code dri/renderD<128+index>} of each.</li>
 * </ul>
 * Nodes are taken from the device directory (normally {@code /dev}) and shown at {@code /dev/…}; one that does not
 * exist is left out. On a machine with GPUs of a family, a job given none of them gets that family's variables set to show
 * none ({@code CUDA_VISIBLE_DEVICES} empty, {@code NVIDIA_VISIBLE_DEVICES=void}, {@code ROCR_VISIBLE_DEVICES} and
 * {@code HIP_VISIBLE_DEVICES} {@code -1}, an index no device has), so it does not use a card by accident. These
 * replace any the job's spec sets.
 */
record GpuGrant(Map<String, String> environment, List<DeviceNode> devices) {
    /** The NVIDIA driver's nodes every CUDA job needs besides its own cards. */
    static final List<String> SHARED_NODES = List.of("nvidiactl", "nvidia-uvm", "nvidia-uvm-tools", "nvidia-modeset");
    /** The directory of the NVIDIA driver's MIG capability nodes. */
    static final String MIG_CAPABILITIES = "nvidia-caps";
    /** The ROCm kernel driver's node every ROCm job needs besides its cards' render nodes. */
    static final String KFD = "kfd";
    private static final Path DEV = Path.of("/dev");

    GpuGrant {
        environment = Map.copyOf(environment);
        devices = List.copyOf(devices);
    }

    /** Nothing to show: a machine without GPUs. */
    static final GpuGrant NONE = new GpuGrant(Map.of(), List.of());

    /** Which runtime, and so which variables and device nodes, a GPU is for. */
    enum Family {
        CUDA,
        ROCM;

        static Family of(Gpu gpu) {
            return AmdgpuSysfs.VENDOR.equalsIgnoreCase(gpu.vendor()) ? ROCM : CUDA;
        }
    }

    /**
     * The grant of some GPUs.
     *
     * @param given the job's GPUs, empty for none
     * @param onMachine the families of the machine's GPUs: those the job is given none of are hidden from it
     * @param deviceRoot the directory holding the device nodes, normally {@code /dev}
     * @return the grant
     */
    static GpuGrant of(List<Gpu> given, Set<Family> onMachine, Path deviceRoot) {
        if (given.isEmpty() && onMachine.isEmpty()) {
            return NONE;
        }
        List<Gpu> cuda = given.stream().filter(gpu -> Family.of(gpu) == Family.CUDA).toList();
        List<Gpu> rocm = given.stream().filter(gpu -> Family.of(gpu) == Family.ROCM).toList();
        Map<String, String> environment = new HashMap<>();
        List<DeviceNode> devices = new ArrayList<>();
        if (!cuda.isEmpty()) {
            String visible = visible(cuda);
            environment.putAll(Map.of("CUDA_VISIBLE_DEVICES", visible, "NVIDIA_VISIBLE_DEVICES", visible));
            cuda.stream().mapToInt(Gpu::index).distinct().forEach(index -> node(deviceRoot, "nvidia" + index, devices));
            SHARED_NODES.forEach(name -> node(deviceRoot, name, devices));
            if (cuda.stream().anyMatch(NvidiaMig::isInstance)) {
                migCapabilities(deviceRoot, devices);
            }
        } else if (onMachine.contains(Family.CUDA)) {
            environment.putAll(Map.of("CUDA_VISIBLE_DEVICES", "", "NVIDIA_VISIBLE_DEVICES", "void"));
        }
        if (!rocm.isEmpty()) {
            environment.put("ROCR_VISIBLE_DEVICES", visible(rocm));
            environment.put("HIP_VISIBLE_DEVICES", IntStream.range(0, rocm.size()).mapToObj(Integer::toString).collect(Collectors.joining(",")));
            node(deviceRoot, KFD, devices);
            rocm.forEach(gpu -> node(deviceRoot, "dri/renderD" + (AmdgpuSysfs.FIRST_RENDER_NODE + gpu.index()), devices));
        } else if (onMachine.contains(Family.ROCM)) {
            environment.putAll(Map.of("ROCR_VISIBLE_DEVICES", "-1", "HIP_VISIBLE_DEVICES", "-1"));
        }
        return new GpuGrant(environment, devices);
    }

    /**
     * UUIDs, which stay right whatever order a runtime enumerates devices in; indexes when one is unknown, or is an
     * AMD card's PCI address, which ROCm does not take.
     */
    private static String visible(List<Gpu> gpus) {
        boolean byUuid = gpus.stream().allMatch(gpu -> gpu.uuid().startsWith("GPU-") || (Family.of(gpu) == Family.CUDA && !gpu.uuid().isEmpty()));
        return gpus.stream().map(gpu -> byUuid ? gpu.uuid() : Integer.toString(gpu.index())).collect(Collectors.joining(","));
    }

    /**
     * The MIG capability nodes ({@code nvidia-caps/nvidia-capN}) a process needs to use a MIG device: all of them,
     * since which belong to which instance is not looked up, so MIG devices of one card are kept apart by
     * {@code CUDA_VISIBLE_DEVICES}, not by the nodes.
     */
    private static void migCapabilities(Path deviceRoot, List<DeviceNode> devices) {
        Path caps = deviceRoot.toAbsolutePath().resolve(MIG_CAPABILITIES);
        try (var nodes = Files.list(caps)) {
            nodes.map(node -> MIG_CAPABILITIES + "/" + node.getFileName()).sorted().forEach(name -> node(deviceRoot, name, devices));
        } catch (java.io.IOException e) {
            // no capability nodes: the driver checks MIG access some other way (/proc), nothing to bind
        }
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
        Map<String, String> all = new HashMap<>(spec);
        all.putAll(environment);
        return all;
    }
}
