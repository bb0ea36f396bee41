package io.resourcepool.core.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds where per-job cgroups can be made in the cgroup v2 unified hierarchy: a {@code cgroup2} mount at the root
 * ({@code /sys/fs/cgroup}) or, on a hybrid host, at {@code unified} below it, as the mount table says; the worker's
 * own cgroup there ({@code 0::/path} in {@code /proc/self/cgroup}); and the {@code memory}, {@code pids} and
 * {@code cpu} controllers available in it. The worker makes a {@value JobCgroups#PARENT} cgroup below its own and
 * enables the three controllers for the cgroups below both.
 *
 * <p>cgroup v2 lets a cgroup enable controllers for its children only while it holds no process itself (the root
 * excepted). A worker in a cgroup of its own that was delegated to it (systemd {@code Delegate=yes}) therefore
 * first moves itself into a leaf, {@code resourcepool/worker}, as systemd asks of delegated services; the job
 * cgroups are that leaf's siblings. A worker that shares its cgroup with other processes cannot do that, and gets
 * no v2 cgroups, with that reason.
 */
final class UnifiedCgroups {
    static final List<String> CONTROLLERS = List.of("memory", "pids", "cpu");
    /** The leaf the worker moves itself into when its own cgroup is not the root. */
    static final String WORKER_LEAF = "worker";
    private static final String ENABLE = "+memory +pids +cpu";
    private static final List<String> OPTIONAL_FILES = List.of("memory.swap.max", "memory.oom.group", "cgroup.kill", "cgroup.freeze");

    private UnifiedCgroups() {
    }

    /**
     * Looks for the unified hierarchy and prepares the parent cgroup of the jobs.
     *
     * @param paths where to look
     * @return usable v2 cgroups, or none with the reason
     */
    static JobCgroups find(CgroupPaths paths) {
        List<CgroupMount> mounts = CgroupMount.readAll(paths.mountInfo());
        Optional<CgroupMount> found = unifiedMount(mounts, paths.root());
        if (found.isEmpty()) {
            return JobCgroups.none("no cgroup v2 mounted at " + paths.root() + " or " + paths.root().resolve("unified") + " (" + paths.mountInfo() + ")");
        }
        CgroupMount mount = found.get();
        Optional<String> own = JobCgroups.ownCgroups(paths.ownCgroups()).entrySet().stream()
                .filter(e -> e.getKey().isEmpty()).map(e -> e.getValue()).findFirst();
        if (own.isEmpty() || !own.get().startsWith(mount.hierarchyRoot())) {
            return JobCgroups.none("the worker's cgroup v2 (a line 0::/… in " + paths.ownCgroups() + ") is not below " + mount.mountPoint());
        }
        String relative = own.get().substring(mount.hierarchyRoot().length()).replaceFirst("^/+", "");
        String leaf = JobCgroups.PARENT + "/" + WORKER_LEAF;
        boolean placed = relative.equals(leaf) || relative.endsWith("/" + leaf);
        Path delegated = mount.mountPoint().resolve(placed ? relative.substring(0, relative.length() - leaf.length()) : relative);
        Optional<String> missing = missingControllers(mount, delegated, mounts);
        if (missing.isPresent()) {
            return JobCgroups.none(missing.get());
        }
        return prepare(delegated, placed);
    }

    private static Optional<CgroupMount> unifiedMount(List<CgroupMount> mounts, Path root) {
        Optional<CgroupMount> atRoot = mounts.stream().filter(m -> m.unified() && m.mountPoint().equals(root)).findFirst();
        return atRoot.or(() -> mounts.stream().filter(m -> m.unified() && m.mountPoint().equals(root.resolve("unified"))).findFirst());
    }

    /** Why the three controllers cannot be had in the worker's cgroup, if they cannot. */
    private static Optional<String> missingControllers(CgroupMount mount, Path delegated, List<CgroupMount> mounts) {
        Path top = mount.mountPoint();
        Set<String> atTop = controllers(top);
        List<String> absent = CONTROLLERS.stream().filter(c -> !atTop.contains(c)).toList();
        if (!absent.isEmpty()) {
            String what = atTop.isEmpty() ? "has no controllers (cgroup.controllers is empty)"
                    : "lacks the " + listed(absent) + " controller" + (absent.size() > 1 ? "s" : "") + " (cgroup.controllers: " + String.join(" ", atTop) + ")";
            return Optional.of("cgroup v2 at " + top + " " + what + boundToV1(absent, mounts));
        }
        Set<String> inOwn = controllers(delegated);
        List<String> undelegated = CONTROLLERS.stream().filter(c -> !inOwn.contains(c)).toList();
        if (!undelegated.isEmpty()) {
            return Optional.of("cgroup v2 at " + top + " does not delegate the " + listed(undelegated) + " controller"
                    + (undelegated.size() > 1 ? "s" : "") + " to the worker's cgroup " + delegated + " (its cgroup.controllers: '"
                    + String.join(" ", inOwn) + "'): enable them in its parent's cgroup.subtree_control, or run the worker as a"
                    + " systemd service with Delegate=yes");
        }
        return Optional.empty();
    }

    private static String boundToV1(List<String> absent, List<CgroupMount> mounts) {
        List<String> bound = absent.stream().filter(c -> mounts.stream().anyMatch(m -> !m.unified() && m.options().contains(c))).toList();
        if (bound.isEmpty()) {
            return "";
        }
        return "; the " + listed(bound) + (bound.size() > 1 ? " controllers are" : " controller is") + " bound to cgroup v1 here";
    }

    /** "memory", "memory and cpu", "memory, pids and cpu". */
    private static String listed(List<String> names) {
        if (names.size() == 1) {
            return names.getFirst();
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
    }

    private static Set<String> controllers(Path cgroup) {
        try {
            return Arrays.stream(Files.readString(cgroup.resolve("cgroup.controllers")).strip().split("\\s+"))
                    .filter(s -> !s.isEmpty()).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        } catch (IOException e) {
            return Set.of();
        }
    }

    /**
     * Moves the worker into its leaf where it must, enables the controllers in its cgroup and in the parent of the
     * jobs, and checks that a job's cgroup can be made there.
     */
    private static JobCgroups prepare(Path delegated, boolean placed) {
        Path parent = delegated.resolve(JobCgroups.PARENT);
        if (parent.toString().contains("'")) {
            return JobCgroups.none("the cgroup path " + parent + " contains a quote");
        }
        try {
            // only the root cgroup has no cgroup.type, and only the root may hold processes and enable controllers
            if (!placed && Files.exists(delegated.resolve("cgroup.type"))) {
                Path leaf = Files.createDirectories(parent.resolve(WORKER_LEAF));
                CgroupFiles.write(leaf.resolve("cgroup.procs"), Long.toString(ProcessHandle.current().pid()));
            }
            enableControllers(delegated);
            Files.createDirectories(parent);
            enableControllers(parent);
            Files.delete(Files.createDirectory(parent.resolve("probe-" + ProcessHandle.current().pid())));
        } catch (IOException | SecurityException e) {
            return JobCgroups.none(refusal(delegated, e));
        }
        Set<String> files = OPTIONAL_FILES.stream().filter(f -> Files.exists(parent.resolve(f))).collect(Collectors.toSet());
        return JobCgroups.unified(new JobCgroupV2.Parent(parent, files));
    }

    private static void enableControllers(Path cgroup) throws IOException {
        Path subtreeControl = cgroup.resolve("cgroup.subtree_control");
        String enabled = Files.exists(subtreeControl) ? Files.readString(subtreeControl) : "";
        if (!Set.of(enabled.strip().split("\\s+")).containsAll(CONTROLLERS)) {
            CgroupFiles.write(subtreeControl, ENABLE);
        }
    }

    private static String refusal(Path delegated, Exception e) {
        String cause = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (String.valueOf(e.getMessage()).contains("busy")) {
            return "the worker's cgroup " + delegated + " holds processes other than the worker (" + cause + "), and cgroup v2 lets"
                    + " only a cgroup without processes enable controllers for the cgroups below it: start the worker in a cgroup"
                    + " of its own (a systemd service with Delegate=yes)";
        }
        return "the worker may not create cgroups in " + delegated + " (" + cause + "): per-job cgroups on cgroup v2 need a root"
                + " worker or a cgroup delegated to the worker's user (a systemd service with Delegate=yes)";
    }
}
