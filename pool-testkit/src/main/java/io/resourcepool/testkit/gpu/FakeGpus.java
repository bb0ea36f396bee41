package io.resourcepool.testkit.gpu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * NVIDIA GPUs that are not there: an executable {@code nvidia-smi} script that prints, for any query, the lines a
 * test states (in the {@code --query-gpu=index,uuid,name,memory.total,memory.used,utilization.gpu,temperature.gpu
 * --format=csv,noheader,nounits} form), and a directory standing in for {@code /dev} with {@code nvidiactl},
 * {@code nvidia-uvm} and one {@code nvidiaN} file per GPU stated. {@link #state(String...)} changes the GPUs between
 * samples, so a test can make one disappear. {@code nvidia-smi -L} lists them as the real one does. As on a real
 * machine, the directories are open to everyone ({@code 0755}) and the device files readable and writable by all
 * ({@code 0666}), so a job running under an identity of its own can reach them.
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
                      while IFS=, read -r index uuid name rest; do
                        echo "GPU $index:$name (UUID:$uuid)"
                      done < "%1$s"
                      exit 0
                    fi
                    cat "%1$s"
                    """.formatted(gpus.table()));
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

    private void device(String name) throws IOException {
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

    private Path table() {
        return directory.resolve("gpus.csv");
    }
}
