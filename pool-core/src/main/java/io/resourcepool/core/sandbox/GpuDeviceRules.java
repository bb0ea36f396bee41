package io.resourcepool.core.sandbox;

import io.resourcepool.api.spi.sandbox.DeviceNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The GPU device nodes a job may not open, as cgroup v1 {@code devices.deny} rules. The GPU drivers are found by
 * name in the kernel's list of character devices ({@code /proc/devices}): NVIDIA's ({@code nvidia-frontend} or
 * {@code nvidia}, major 195, and the dynamically numbered {@code nvidia-uvm}, {@code nvidia-caps},
 * {@code nvidia-nvlink}, {@code nvidia-nvswitch}), the DRM nodes AMD's render nodes are ({@code drm}, major 226) and
 * ROCm's {@code kfd}. The list is read for every job, because {@code nvidia-uvm} is often loaded only when the first
 * CUDA program starts.
 *
 * <p>A job's cgroup starts from its parent's "allow everything", where v1 cannot take a wildcard deny back for one
 * minor; so every minor 0 to 255 of each GPU driver is denied one by one, but those of the nodes the job was given.
 * Every other device (terminals, {@code /dev/null}, disks) stays as it was.
 */
final class GpuDeviceRules {
    /** The highest minor denied: GPU drivers number their devices below 256. */
    static final int MAX_MINOR = 255;

    private GpuDeviceRules() {}

    /**
     * The majors of the GPU drivers the kernel has now.
     *
     * @param procDevices the kernel's list of devices, normally {@code /proc/devices}
     * @return their majors; none when the list cannot be read
     */
    static Set<Integer> gpuMajors(Path procDevices) {
        Set<Integer> majors = new TreeSet<>();
        try {
            boolean character = false;
            for (String line : Files.readAllLines(procDevices)) {
                if (line.endsWith("devices:")) {
                    character = line.startsWith("Character");
                    continue;
                }
                String[] fields = line.strip().split("\\s+");
                if (character && fields.length == 2 && isGpuDriver(fields[1])) {
                    majors.add(Integer.parseInt(fields[0]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or no /proc: no GPU driver is known, nothing is denied
        }
        return majors;
    }

    private static boolean isGpuDriver(String name) {
        return name.startsWith("nvidia") || name.equals("drm") || name.equals("kfd");
    }

    /**
     * The rules that deny a job every GPU device but its own.
     *
     * @param gpuMajors the GPU drivers' majors
     * @param given the device nodes the job was given
     * @return one {@code c MAJOR:MINOR rwm} rule per denied device, in order
     */
    static List<String> denials(Set<Integer> gpuMajors, Collection<DeviceNode> given) {
        Set<DeviceNumber> own = given.stream().map(d -> DeviceNumber.ofCharacterDevice(d.hostPath())).flatMap(java.util.Optional::stream)
                .collect(Collectors.toSet());
        List<String> rules = new ArrayList<>();
        for (int major : new TreeSet<>(gpuMajors)) {
            for (int minor = 0; minor <= MAX_MINOR; minor++) {
                if (!own.contains(new DeviceNumber(major, minor))) {
                    rules.add("c " + major + ":" + minor + " rwm");
                }
            }
        }
        return rules;
    }
}
