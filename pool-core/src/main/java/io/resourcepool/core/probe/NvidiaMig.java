package io.resourcepool.core.probe;

import io.resourcepool.api.NodeResources.Gpu;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MIG (Multi-Instance GPU) partitions, from what {@code nvidia-smi -L} prints: each GPU on a line of its own, and
 * under a GPU in MIG mode one line per MIG device:
 * <pre>
 * GPU 0: NVIDIA A100-SXM4-40GB (UUID: GPU-5d5ba0d6-…)
 *   MIG 1g.5gb      Device  0: (UUID: MIG-c6d4f1ef-…)
 *   MIG 2g.10gb     Device  1: (UUID: MIG-cba663e8-…)
 * </pre>
 * A GPU with MIG devices is offered as those devices, each assignable by its own {@code MIG-} UUID, never as a whole
 * card (CUDA cannot use a MIG-mode card as one): index the card's (whose {@code /dev/nvidiaN} a job needs), model the
 * card's with the profile ({@code NVIDIA A100-SXM4-40GB MIG 1g.5gb}), memory the profile's; use and temperature are
 * not measured per instance (0 and the card's). A GPU in MIG mode without instances lists none and stays a whole card.
 */
public final class NvidiaMig {
    private static final Pattern GPU_LINE = Pattern.compile("^GPU \\d+: .*\\(UUID: ?(\\S+?)\\)\\s*$");
    private static final Pattern MIG_LINE = Pattern.compile("^\\s+MIG (\\S+)\\s+Device\\s+\\d+: \\(UUID: ?(\\S+?)\\)\\s*$");
    private static final Pattern PROFILE_MEMORY = Pattern.compile("\\d+g\\.(\\d+)gb");
    private static final long GIB = 1L << 30;

    /**
     * One MIG device.
     *
     * @param profile its profile, such as {@code 1g.5gb}
     * @param uuid its {@code MIG-} UUID
     */
    record Instance(String profile, String uuid) {}

    private NvidiaMig() {}

    /**
     * The MIG devices of each GPU that has some.
     *
     * @param listing what {@code nvidia-smi -L} printed
     * @return the devices by their card's UUID, in the order printed
     */
    static Map<String, List<Instance>> parse(String listing) {
        Map<String, List<Instance>> byCard = new HashMap<>();
        String card = "";
        for (String line : listing.split("\\R")) {
            Matcher gpu = GPU_LINE.matcher(line);
            Matcher mig = MIG_LINE.matcher(line);
            if (gpu.matches()) {
                card = gpu.group(1);
            } else if (mig.matches() && !card.isEmpty()) {
                byCard.computeIfAbsent(card, c -> new ArrayList<>()).add(new Instance(mig.group(1), GpuSource.limited(mig.group(2))));
            }
        }
        return byCard;
    }

    /**
     * The GPUs with each card in MIG mode replaced by its MIG devices.
     *
     * @param cards the cards, as the query read them
     * @param instances their MIG devices, by card UUID
     * @return what jobs may be given
     */
    static List<Gpu> expand(List<Gpu> cards, Map<String, List<Instance>> instances) {
        List<Gpu> offered = new ArrayList<>();
        for (Gpu card : cards) {
            List<Instance> mine = instances.getOrDefault(card.uuid(), List.of());
            if (mine.isEmpty()) {
                offered.add(card);
                continue;
            }
            for (Instance instance : mine) {
                offered.add(new Gpu(card.index(), instance.uuid(), card.vendor(), GpuSource.limited(card.model() + " MIG " + instance.profile()),
                        memoryOf(instance.profile()), 0, 0.0, card.temperatureCelsius()));
            }
        }
        return List.copyOf(offered);
    }

    private static long memoryOf(String profile) {
        Matcher memory = PROFILE_MEMORY.matcher(profile);
        return memory.find() ? Long.parseLong(memory.group(1)) * GIB : 0;
    }

    /**
     * Whether a GPU is a MIG device.
     *
     * @param gpu a GPU
     * @return true when its UUID is a {@code MIG-} one
     */
    public static boolean isInstance(Gpu gpu) {
        return gpu.uuid().startsWith("MIG-");
    }
}
