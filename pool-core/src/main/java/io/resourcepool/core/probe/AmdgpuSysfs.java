package io.resourcepool.core.probe;

import io.resourcepool.api.NodeResources.Gpu;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds AMD GPUs in the amdgpu driver's sysfs files, re-read at every sample, so a GPU that disappears (driver
 * unbound, card gone) is not offered at the next heartbeat. No tool is needed: {@code rocm-smi} reads the same files.
 * Under the DRM class directory (normally {@code /sys/class/drm}) each {@code cardN} whose {@code device/vendor} is
 * {@code 0x1002} and that has a render node ({@code device/drm/renderD*}: no render node, no compute) is one GPU:
 * <ul>
 *   <li>index: the render node's number less 128 ({@code renderD128} is 0), so that the worker finds a job's node
 *       ({@code /dev/dri/renderD<128+index>}) from the index alone;</li>
 *   <li>UUID: {@code GPU-} and {@code device/unique_id} where the card gives one (what ROCm's
 *       {@code ROCR_VISIBLE_DEVICES} accepts), else the PCI address, which stays the same while the card is in
 *       its slot;</li>
 *   <li>model: {@code device/product_name} where the card gives one, else {@code AMD GPU} and its PCI device id;</li>
 *   <li>memory: {@code mem_info_vram_total} and {@code mem_info_vram_used} (bytes), utilisation
 *       {@code gpu_busy_percent}, temperature {@code hwmon/hwmon*}{@code /temp1_input} (millidegrees).</li>
 * </ul>
 * A figure a file does not give reads as 0. Anything else under the directory (connectors such as
 * {@code card0-DP-1}, render nodes, other vendors' cards) is not a GPU of this source.
 */
public final class AmdgpuSysfs implements GpuSource {
    /** Where the kernel lists DRM devices. */
    public static final Path DEFAULT_ROOT = Path.of("/sys/class/drm");
    /** The vendor reported for these GPUs. */
    public static final String VENDOR = "AMD";
    /** The number of the first render node: {@code renderD128}. */
    public static final int FIRST_RENDER_NODE = 128;

    private static final String AMD_PCI_VENDOR = "0x1002";
    private static final Pattern CARD = Pattern.compile("card\\d+");
    private static final Pattern RENDER_NODE = Pattern.compile("renderD(\\d+)");
    private static final int MAX_FILE_BYTES = 4096;

    private final Path root;

    /**
     * @param root the DRM class directory, {@link #DEFAULT_ROOT} but for tests
     */
    public AmdgpuSysfs(Path root) {
        this.root = root;
    }

    @Override
    public List<Gpu> gpus() {
        List<Gpu> gpus = new ArrayList<>();
        try (DirectoryStream<Path> cards = Files.newDirectoryStream(root, entry -> CARD.matcher(entry.getFileName().toString()).matches())) {
            for (Path card : cards) {
                gpu(card.resolve("device")).ifPresent(gpus::add);
            }
        } catch (IOException | RuntimeException e) {
            // no DRM directory (a machine without graphics, or not Linux): no AMD GPU
        }
        gpus.sort(Comparator.comparingInt(Gpu::index));
        return List.copyOf(gpus);
    }

    private static Optional<Gpu> gpu(Path device) {
        if (!read(device.resolve("vendor")).equalsIgnoreCase(AMD_PCI_VENDOR)) {
            return Optional.empty();
        }
        OptionalLong renderNode = renderNode(device);
        if (renderNode.isEmpty()) {
            return Optional.empty();
        }
        String uniqueId = read(device.resolve("unique_id"));
        String uuid = uniqueId.isEmpty() ? pciAddress(device) : "GPU-" + uniqueId;
        String product = read(device.resolve("product_name"));
        String model = product.isEmpty() ? "AMD GPU " + read(device.resolve("device")) : product;
        long total = number(device.resolve("mem_info_vram_total"));
        long used = Math.min(total, number(device.resolve("mem_info_vram_used")));
        double utilization = Math.min(100, number(device.resolve("gpu_busy_percent"))) / 100.0;
        int temperature = (int) Math.min(1000, temperatureMillidegrees(device) / 1000);
        return Optional.of(new Gpu((int) (renderNode.getAsLong() - FIRST_RENDER_NODE), GpuSource.limited(uuid), VENDOR, GpuSource.limited(model.strip()), total,
                used, utilization, temperature));
    }

    private static OptionalLong renderNode(Path device) {
        try (DirectoryStream<Path> nodes = Files.newDirectoryStream(device.resolve("drm"))) {
            for (Path node : nodes) {
                Matcher matcher = RENDER_NODE.matcher(node.getFileName().toString());
                if (matcher.matches() && Long.parseLong(matcher.group(1)) >= FIRST_RENDER_NODE) {
                    return OptionalLong.of(Long.parseLong(matcher.group(1)));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no render node listed
        }
        return OptionalLong.empty();
    }

    private static long temperatureMillidegrees(Path device) {
        try (DirectoryStream<Path> monitors = Files.newDirectoryStream(device.resolve("hwmon"), "hwmon*")) {
            for (Path monitor : monitors) {
                long value = number(monitor.resolve("temp1_input"));
                if (value > 0) {
                    return value;
                }
            }
        } catch (IOException e) {
            // no sensor
        }
        return 0;
    }

    /** The PCI address ({@code 0000:03:00.0}): the name of the directory {@code device} links to. */
    private static String pciAddress(Path device) {
        try {
            return device.toRealPath().getFileName().toString();
        } catch (IOException e) {
            return "";
        }
    }

    private static long number(Path file) {
        try {
            long value = Long.parseLong(read(file));
            return Math.max(0, value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String read(Path file) {
        try (var in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAX_FILE_BYTES), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public String toString() {
        return "amdgpu(" + root + ")";
    }
}
