package io.resourcepool.core.probe;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells compute accelerators from display adapters by what the system reports of a card: its vendor and name.
 *
 * <p>The rule, kept small on purpose:
 * <ol>
 *   <li>an emulated or virtual display adapter is never counted: a name or vendor mentioning VMware SVGA,
 *       QXL, Cirrus, virtio, Bochs, "Standard VGA", VirtualBox, Hyper-V, "Basic Display" or ASPEED (a server's
 *       management controller);</li>
 *   <li>otherwise a card is counted when it is an NVIDIA card (every one runs CUDA), an AMD Instinct
 *       ({@code Instinct}, {@code MI100}, {@code MI250X}, …), an Intel Data Center GPU, or a Habana Gaudi;</li>
 *   <li>everything else, consumer Radeon and Intel integrated graphics included, is a display adapter.</li>
 * </ol>
 * Where the rule is wrong for a machine, the operator states the count ({@code gpu-count}), which wins.
 */
public final class ComputeAccelerators {
    private static final List<String> VIRTUAL_DISPLAYS = List.of(
            "vmware svga", "svga ii", "qxl", "cirrus", "virtio", "bochs", "standard vga", "virtualbox",
            "hyper-v", "basic display", "aspeed");
    private static final Pattern COMPUTE = Pattern.compile(
            "nvidia|\\binstinct\\b|\\bmi\\d{2,3}[a-z]?\\b|data center gpu|\\bgaudi");

    private ComputeAccelerators() {}

    /**
     * Applies the rule.
     *
     * @param vendor the vendor as reported, for example {@code NVIDIA Corporation}
     * @param name the card's name as reported, for example {@code GA100 [A100 SXM4 40GB]}
     * @return true when the card is counted as a compute accelerator
     */
    public static boolean isComputeAccelerator(String vendor, String name) {
        String text = (vendor + " " + name).toLowerCase(Locale.ROOT);
        if (VIRTUAL_DISPLAYS.stream().anyMatch(text::contains)) {
            return false;
        }
        return COMPUTE.matcher(text).find();
    }
}
