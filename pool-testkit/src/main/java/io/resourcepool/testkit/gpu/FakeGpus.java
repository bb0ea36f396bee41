package io.resourcepool.testkit.gpu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * GPUs that are not there. NVIDIA's: an executable {@code nvidia-smi} script that prints, for any query, the lines a
 * test states (in the {@code --query-gpu=index,uuid,name,memory.total,memory.used,utilization.gpu,temperature.gpu
 * --format=csv,noheader,nounits} form), and a directory standing in for {@code /dev} with {@code nvidiactl},
 * {@code nvidia-uvm} and one {@code nvidiaN} file per GPU stated. {@link #state(String...)} changes the GPUs between
 * samples, so a test can make one disappear. {@code nvidia-smi -L} lists them as the real one does, or prints the MIG
 * listing {@link #stateMig(String...)} states. As on a real
 * machine, the directories are open to everyone ({@code 0755}) and the device files readable and writable by all
 * ({@code 0666}), so a job running under an identity of its own can reach them.
 *
 * <p>AMD's ({@link #stateAmd(Amd...)}): the amdgpu driver's sysfs files under a directory standing in for
 * {@code /sys/class/drm} ({@link #drmClass()}), laid out as the kernel does (a {@code cardN} link into the PCI
 * device's directory, whose {@code device} link leads back to it, a render node, a hwmon sensor), beside an on-board
 * display adapter of another vendor and a connector entry as a real server has; and {@code kfd} and
 * {@code dri/renderD<128+N>} in the device directory. Each call replaces the whole tree at once, so a sample never
 * sees half of it.
 */
public final class FakeGpus {
    private final Path directory;

    private FakeGpus(Path directory) {
        this.directory = directory;
    }

    /**
     * Makes the script and the device tree in a directory.
     *
     * @param directory an empty directory, such as a test's temporary one
     * @param lines the GPUs, one CSV line each, for example {@code 0, GPU-aaaa, NVIDIA A100-SXM4-40GB, 40960, 0, 0, 31}
     * @return the fake
     */
    public static FakeGpus create(Path directory, String... lines) {
        FakeGpus gpus = new FakeGpus(directory);
        try {
            Files.createDirectories(gpus.program().getParent());
            Files.createDirectories(gpus.deviceRoot());
            for (Path open : List.of(directory, gpus.deviceRoot(), gpus.program().getParent())) {
                Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.writeString(gpus.program(), """
                    #!/bin/sh
                    if [ "$1" = "-L" ]; then
                      if [ -s "%2$s" ]; then
                        cat "%2$s"
                        exit 0
                      fi
                      while IFS=, read -r index uuid name rest; do
                        echo "GPU $index:$name (UUID:$uuid)"
                      done < "%1$s"
                      exit 0
                    fi
                    cat "%1$s"
                    """.formatted(gpus.table(), gpus.migListing()));
            Files.setPosixFilePermissions(gpus.program(), PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String always : List.of("nvidiactl", "nvidia-uvm")) {
                gpus.device(always);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gpus.state(lines);
        return gpus;
    }

    /**
     * States the GPUs the next {@code nvidia-smi} run prints, and makes a device file for each index named.
     *
     * @param lines one CSV line per GPU; none for a machine whose GPUs are all gone
     */
    public void state(String... lines) {
        try {
            for (String line : lines) {
                device("nvidia" + line.split(",")[0].strip());
            }
            Path next = directory.resolve("gpus.csv.next");
            Files.writeString(next, lines.length == 0 ? "" : String.join("\n", lines) + "\n");
            Files.move(next, table(), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * States what {@code nvidia-smi -L} prints from now on, for cards in MIG mode: the listing as the real program
     * writes it (a {@code GPU N: name (UUID: GPU-…)} line per card, a {@code   MIG 1g.5gb   Device  0: (UUID: MIG-…)}
     * line per MIG device under it), and makes two capability nodes, {@code nvidia-caps/nvidia-cap1} and
     * {@code nvidia-cap2}, in the device directory. An empty listing goes back to listing the stated GPUs.
     *
     * @param listing the lines
     */
    public void stateMig(String... listing) {
        try {
            Files.createDirectories(deviceRoot().resolve("nvidia-caps"));
            Files.setPosixFilePermissions(deviceRoot().resolve("nvidia-caps"), PosixFilePermissions.fromString("rwxr-xr-x"));
            device("nvidia-caps/nvidia-cap1");
            device("nvidia-caps/nvidia-cap2");
            Path next = directory.resolve("mig.txt.next");
            Files.writeString(next, listing.length == 0 ? "" : String.join("\n", listing) + "\n");
            Files.move(next, migListing(), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path migListing() {
        return directory.resolve("mig.txt");
    }

    private void device(String name) throws IOException {
        if (Files.exists(deviceRoot().resolve(name))) {
            return;
        }
        Path node = deviceRoot().resolve(name);
        Files.writeString(node, "");
        Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rw-rw-rw-"));
    }

    /**
     * One GPU's line.
     *
     * @param index its index
     * @param uuid its UUID
     * @param name its name
     * @param memoryUsedMiB its memory in use
     * @param utilizationPercent how busy it is
     * @return the line, with 40960 MiB of memory and a temperature of 35
     */
    public static String line(int index, String uuid, String name, int memoryUsedMiB, int utilizationPercent) {
        return index + ", " + uuid + ", " + name + ", 40960, " + memoryUsedMiB + ", " + utilizationPercent + ", 35";
    }

    /**
     * The fake program.
     *
     * @return its path
     */
    public Path program() {
        return directory.resolve("bin").resolve("nvidia-smi");
    }

    /**
     * The directory that stands in for {@code /dev}.
     *
     * @return its path
     */
    public Path deviceRoot() {
        return directory.resolve("dev");
    }

    /**
     * An AMD GPU for {@link #stateAmd(Amd...)}.
     *
     * @param card its DRM card number N, whose render node is {@code renderD<128+N>}
     * @param uniqueId its {@code unique_id}, or empty for a card without one (then known by its PCI address)
     * @param product its {@code product_name}, or empty for a card without one
     * @param vramUsedMiB its memory in use, of 65536 MiB
     * @param busyPercent its {@code gpu_busy_percent}
     */
    public record Amd(int card, String uniqueId, String product, long vramUsedMiB, int busyPercent) {
        /**
         * The PCI address the fake gives the card.
         *
         * @return {@code 0000:NN:00.0}, NN being 16 more than the card number, in hex
         */
        public String pciAddress() {
            return "0000:%02x:00.0".formatted(card + 0x10);
        }
    }

    /** The temperature every fake AMD GPU reports, in millidegrees Celsius as {@code temp1_input} gives it. */
    public static final int AMD_TEMPERATURE_MILLIDEGREES = 47_000;
    /** The memory of every fake AMD GPU. */
    public static final long AMD_VRAM_BYTES = 65536L << 20;

    /**
     * States the AMD GPUs the next sample of {@link #drmClass()} finds, and makes their device nodes.
     *
     * @param cards the GPUs; none for a machine whose AMD GPUs are all gone
     */
    public void stateAmd(Amd... cards) {
        try {
            device("kfd");
            Files.createDirectories(deviceRoot().resolve("dri"));
            Files.setPosixFilePermissions(deviceRoot().resolve("dri"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Path tree = Files.createTempDirectory(directory, "sys-");
            Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path drm = Files.createDirectories(tree.resolve("class/drm"));
            for (Amd card : cards) {
                device("dri/renderD" + (128 + card.card()));
                Path pci = pciDevice(tree, card.pciAddress(), "0x1002", "0x740f", card.card(), true);
                write(pci, "mem_info_vram_total", Long.toString(AMD_VRAM_BYTES));
                write(pci, "mem_info_vram_used", Long.toString(card.vramUsedMiB() << 20));
                write(pci, "gpu_busy_percent", Integer.toString(card.busyPercent()));
                write(Files.createDirectories(pci.resolve("hwmon/hwmon" + (card.card() + 2))), "temp1_input", Integer.toString(AMD_TEMPERATURE_MILLIDEGREES));
                if (!card.uniqueId().isEmpty()) {
                    write(pci, "unique_id", card.uniqueId());
                }
                if (!card.product().isEmpty()) {
                    write(pci, "product_name", card.product());
                }
                link(drm, card.card(), card.pciAddress());
            }
            // an on-board display adapter (ASPEED, no render node) and one of its connectors: neither is a compute GPU
            pciDevice(tree, "0000:02:00.0", "0x1a03", "0x2000", 9, false);
            link(drm, 9, "0000:02:00.0");
            Files.createDirectories(drm.resolve("card9-VGA-1"));
            Path next = directory.resolve("sys.next");
            Files.deleteIfExists(next);
            Files.createSymbolicLink(next, tree.getFileName());
            Files.move(next, directory.resolve("sys"), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path pciDevice(Path tree, String address, String vendor, String deviceId, int card, boolean renderNode) throws IOException {
        Path pci = Files.createDirectories(tree.resolve("devices/pci0000:00").resolve(address));
        write(pci, "vendor", vendor);
        write(pci, "device", deviceId);
        Path cardDirectory = Files.createDirectories(pci.resolve("drm/card" + card));
        Files.createSymbolicLink(cardDirectory.resolve("device"), Path.of("../.."));
        if (renderNode) {
            Files.createDirectories(pci.resolve("drm/renderD" + (128 + card)));
        }
        return pci;
    }

    private static void link(Path drm, int card, String address) throws IOException {
        Files.createSymbolicLink(drm.resolve("card" + card), Path.of("../../devices/pci0000:00").resolve(address).resolve("drm/card" + card));
    }

    private static void write(Path directory, String name, String value) throws IOException {
        Files.writeString(directory.resolve(name), value + "\n");
    }

    /**
     * The directory that stands in for {@code /sys/class/drm}, with the AMD GPUs last stated.
     *
     * @return its path
     */
    public Path drmClass() {
        return directory.resolve("sys/class/drm");
    }

    private Path table() {
        return directory.resolve("gpus.csv");
    }
}
