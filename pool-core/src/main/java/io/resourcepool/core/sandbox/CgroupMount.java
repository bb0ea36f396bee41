package io.resourcepool.core.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One cgroup file system in the mount table: where it is mounted, which cgroup of its hierarchy appears there
 * (not {@code /} in a container that sees only its own subtree), whether it is the v2 unified hierarchy, and its
 * mount options, which for v1 name the controllers bound to it.
 *
 * @param mountPoint where it is mounted
 * @param hierarchyRoot the cgroup of the hierarchy that appears at the mount point
 * @param unified true for {@code cgroup2}, false for a v1 {@code cgroup}
 * @param options the super-block options, such as {@code rw} and {@code memory}
 */
record CgroupMount(Path mountPoint, String hierarchyRoot, boolean unified, Set<String> options) {
    private static final Pattern OCTAL_ESCAPE = Pattern.compile("\\\\([0-7]{3})");

    /** Checks the fields and copies the options. */
    CgroupMount {
        Objects.requireNonNull(mountPoint, "mountPoint must be given");
        Objects.requireNonNull(hierarchyRoot, "hierarchyRoot must be given");
        options = Set.copyOf(options);
    }

    /**
     * The cgroup mounts of a mount table in {@code /proc/self/mountinfo} form:
     * {@code id parent dev root mount-point options [optional...] - type source super-options}.
     *
     * @param mountInfo the mount table
     * @return its cgroup mounts in order; none when it cannot be read
     */
    static List<CgroupMount> readAll(Path mountInfo) {
        List<CgroupMount> mounts = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(mountInfo)) {
                int separator = line.indexOf(" - ");
                String[] fields = line.substring(0, Math.max(separator, 0)).split(" ");
                String[] described = line.substring(separator + 3).split(" ");
                boolean cgroup = described[0].equals("cgroup") || described[0].equals("cgroup2");
                if (separator > 0 && fields.length >= 5 && cgroup) {
                    Set<String> options = described.length > 2 ? Set.of(described[2].split(",")) : Set.of();
                    mounts.add(new CgroupMount(Path.of(unescape(fields[4])), unescape(fields[3]), described[0].equals("cgroup2"), options));
                }
            }
        } catch (IOException e) {
            // not Linux, or no /proc: no cgroups are found
        }
        return mounts;
    }

    /** The kernel writes a space in a path as {@code \040}, a tab as {@code \011}, and so on. */
    private static String unescape(String field) {
        Matcher escape = OCTAL_ESCAPE.matcher(field);
        return escape.replaceAll(m -> Matcher.quoteReplacement(Character.toString(Integer.parseInt(m.group(1), 8))));
    }
}
