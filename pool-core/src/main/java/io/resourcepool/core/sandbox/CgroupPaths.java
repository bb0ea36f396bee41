package io.resourcepool.core.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the worker looks for cgroups: the directory cgroup file systems are mounted under, the mount table that
 * says which are mounted where, and the file that names the worker's own cgroups. Tests point all three at a
 * directory shaped like cgroupfs.
 *
 * @param root where cgroup hierarchies are mounted, normally {@code /sys/fs/cgroup}
 * @param mountInfo the mount table, normally {@code /proc/self/mountinfo}
 * @param ownCgroups the worker's own cgroups, normally {@code /proc/self/cgroup}
 */
record CgroupPaths(Path root, Path mountInfo, Path ownCgroups) {
    /** Checks that all three are given. */
    CgroupPaths {
        Objects.requireNonNull(root, "root must be given");
        Objects.requireNonNull(mountInfo, "mountInfo must be given");
        Objects.requireNonNull(ownCgroups, "ownCgroups must be given");
    }

    /**
     * The cgroups of this process below a root.
     *
     * @param root where cgroup hierarchies are mounted
     * @return the paths, with this process's {@code /proc} files
     */
    static CgroupPaths of(Path root) {
        return new CgroupPaths(root, Path.of("/proc/self/mountinfo"), Path.of("/proc/self/cgroup"));
    }
}
