package io.resourcepool.core.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the worker looks for cgroups: the directory cgroup file systems are mounted under, the mount table that
 * says which are mounted where, the file that names the worker's own cgroups, and the kernel's list of device
 * drivers. Tests point them at a directory shaped like cgroupfs.
 *
 * @param root where cgroup hierarchies are mounted, normally {@code /sys/fs/cgroup}
 * @param mountInfo the mount table, normally {@code /proc/self/mountinfo}
 * @param ownCgroups the worker's own cgroups, normally {@code /proc/self/cgroup}
 * @param procDevices the kernel's list of device drivers, normally {@code /proc/devices}, where the GPU drivers
 *     whose nodes the v1 {@code devices} controller denies are found
 */
record CgroupPaths(Path root, Path mountInfo, Path ownCgroups, Path procDevices) {
    /** Checks that all three are given. */
    CgroupPaths {
        Objects.requireNonNull(root, "root must be given");
        Objects.requireNonNull(mountInfo, "mountInfo must be given");
        Objects.requireNonNull(ownCgroups, "ownCgroups must be given");
        Objects.requireNonNull(procDevices, "procDevices must be given");
    }

    /**
     * The cgroups of this process below a root.
     *
     * @param root where cgroup hierarchies are mounted
     * @return the paths, with this process's {@code /proc} files
     */
    static CgroupPaths of(Path root) {
        return new CgroupPaths(root, Path.of("/proc/self/mountinfo"), Path.of("/proc/self/cgroup"), Path.of("/proc/devices"));
    }
}
