package io.resourcepool.core.sandbox;

import io.resourcepool.api.spi.sandbox.DeviceNode;
import io.resourcepool.api.spi.sandbox.IsolationFeature;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where per-job cgroups are made, and which cgroup version makes them. cgroup v2 comes first
 * ({@link UnifiedCgroups}, {@link JobCgroupV2}): a {@value #PARENT} cgroup below the worker's own in the unified
 * hierarchy, with the {@code memory}, {@code pids} and {@code cpu} controllers. Otherwise cgroup v1
 * ({@link JobCgroup}): a {@value #PARENT} directory below the worker's own cgroup in each of the v1 hierarchies
 * {@code memory}, {@code pids}, {@code cpu} and {@code freezer}, all four mounted under the root (normally
 * {@code /sys/fs/cgroup}). Either way the worker must be allowed to create cgroups there: a root worker, or (v2)
 * one with a delegated cgroup. A host with neither gets none: jobs then run under the {@code prlimit} fallback
 * ({@link KernelLimits}, {@link Containment#processTree}), and the isolation description says why.
 *
 * <p>GPU devices: on cgroup v1 with the {@code devices} hierarchy, each job's cgroup there denies every GPU device
 * node but those the job was given ({@link GpuDeviceRules}), so that a job cannot open another job's card even
 * where it shares the host's {@code /dev}. On cgroup v2 that needs an eBPF device program attached to the job's
 * cgroup, which the worker does not load: the description says so.
 */
final class JobCgroups {
    /** Where cgroup hierarchies are normally mounted. */
    static final Path ROOT = Path.of("/sys/fs/cgroup");
    /** The cgroup v1 hierarchies a job's cgroup is made in. */
    static final List<String> CONTROLLERS = List.of("memory", "pids", "cpu", "freezer");
    /** The cgroup v1 hierarchy that denies a job the GPU devices not its own, where the host has it. */
    static final String DEVICES = "devices";
    static final String PARENT = "resourcepool";
    private static final Set<IsolationFeature> FEATURES = Set.of(IsolationFeature.MEMORY_LIMIT, IsolationFeature.PROCESS_LIMIT,
            IsolationFeature.CPU_SHARE, IsolationFeature.WHOLE_TREE_KILL);
    private static final AtomicLong JOBS = new AtomicLong();
    private static final Pattern JOB_NAME = Pattern.compile("job-(\\d+)-\\d+");
    private static final Logger LOG = LoggerFactory.getLogger(JobCgroups.class);
    private static final String ENFORCED = "memory limit, process limit and CPU share from the job, and every process of the job killed with it";
    private static final String V1_DEVICES = "GPU device nodes denied by the job's devices cgroup (v1) but those it was given";
    private static final String NO_V2_DEVICES = "no device cgroup: on cgroup v2 it needs an eBPF device program, which the worker does not load,"
            + " so a job that shares the host's /dev can open any GPU node its permissions allow";

    /** Which cgroups, if any, jobs get. */
    private sealed interface Hierarchy {
    }

    private record None(String reason) implements Hierarchy {
    }

    /** Cgroup v1; {@code parents} holds {@value #DEVICES} too when jobs get a devices cgroup, else {@code devicesNote} says why not. */
    private record Legacy(Path root, Map<String, Path> parents, Path procDevices, String devicesNote) implements Hierarchy {
    }

    private record Unified(JobCgroupV2.Parent parent) implements Hierarchy {
    }

    private final Hierarchy hierarchy;

    private JobCgroups(Hierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    /** None: the fallback, with the reason given. */
    static JobCgroups none(String reason) {
        return new JobCgroups(new None(reason));
    }

    /** Cgroup v2 below the given parent; what jobs of dead workers left there is killed first. */
    static JobCgroups unified(JobCgroupV2.Parent parent) {
        reapOrphans(parent.directory(), name -> JobCgroupV2.reap(parent, name));
        return new JobCgroups(new Unified(parent));
    }

    /** Cgroup v1 below the given parents, one per hierarchy under the root; what jobs of dead workers left there is killed first. */
    static JobCgroups legacy(Path root, Map<String, Path> parents, Path procDevices, String devicesNote) {
        Map<String, Path> copy = Map.copyOf(parents);
        reapOrphans(copy.get("freezer"), name -> JobCgroup.reap(copy, name));
        return new JobCgroups(new Legacy(root, copy, procDevices, devicesNote));
    }

    /**
     * Looks for cgroups below a root, with this process's mount table and own cgroups.
     *
     * @param root where the hierarchies are mounted
     * @return usable cgroups, v2 first, or none with the reasons
     */
    static JobCgroups find(Path root) {
        return find(CgroupPaths.of(root));
    }

    /**
     * Looks for cgroup v2 with the controllers a job needs, then for the cgroup v1 hierarchies.
     *
     * @param paths where to look
     * @return usable cgroups, or none with the reasons v2 and v1 were refused
     */
    static JobCgroups find(CgroupPaths paths) {
        JobCgroups unified = UnifiedCgroups.find(paths);
        if (unified.available()) {
            return unified;
        }
        JobCgroups legacy = findLegacy(paths);
        if (legacy.available()) {
            LOG.debug("per-job cgroups on cgroup v1, not v2: {}", unified.reason());
            return legacy;
        }
        return none(unified.reason() + "; " + legacy.reason());
    }

    /** The cgroup v1 hierarchies, with the parent directory made in each. */
    static JobCgroups findLegacy(CgroupPaths paths) {
        Map<String, String> own = ownCgroups(paths.ownCgroups());
        Map<String, Path> parents = new LinkedHashMap<>();
        for (String controller : CONTROLLERS) {
            Optional<String> refusal = legacyParent(paths.root(), own, controller, parents);
            if (refusal.isPresent()) {
                return none(refusal.get());
            }
        }
        String devicesNote = legacyParent(paths.root(), own, DEVICES, parents).orElse("");
        return legacy(paths.root(), parents, paths.procDevices(), devicesNote);
    }

    /** Makes the parent directory in one v1 hierarchy and puts it in {@code parents}; or says why it cannot. */
    private static Optional<String> legacyParent(Path root, Map<String, String> own, String controller, Map<String, Path> parents) {
        Path hierarchy = root.resolve(controller);
        if (!Files.isRegularFile(hierarchy.resolve("cgroup.procs")) || !Files.isRegularFile(hierarchy.resolve("tasks"))) {
            return Optional.of("no cgroup v1 '" + controller + "' hierarchy at " + hierarchy);
        }
        Path parent = hierarchy.resolve(own.getOrDefault(controller, "/").substring(1)).resolve(PARENT);
        try {
            Files.createDirectories(parent);
            // the parent may be there already, made by a root worker before: what matters is making a job's cgroup in it
            Files.delete(Files.createDirectory(parent.resolve("probe-" + ProcessHandle.current().pid())));
        } catch (IOException | SecurityException e) {
            return Optional.of("the worker may not create cgroups in " + parent.getParent() + " (" + e.getClass().getSimpleName()
                    + "): per-job cgroups need a root worker or a delegated hierarchy");
        }
        if (parent.toString().contains("'")) {
            return Optional.of("the cgroup path " + parent + " contains a quote");
        }
        parents.put(controller, parent);
        return Optional.empty();
    }

    /**
     * Kills what jobs of a dead worker left running. A worker killed outright (SIGKILL, a crash) cannot stop its jobs;
     * their cgroups carry its process id, so the next worker to start on the host finds those of workers no longer
     * alive, kills every process in them and removes them. Workers still alive keep theirs.
     */
    private static void reapOrphans(Path parent, ToIntFunction<String> reap) {
        try (var names = Files.list(parent)) {
            for (String name : names.map(p -> p.getFileName().toString()).toList()) {
                Matcher job = JOB_NAME.matcher(name);
                if (job.matches() && ProcessHandle.of(Long.parseLong(job.group(1))).isEmpty()) {
                    int killed = reap.applyAsInt(name);
                    LOG.warn("killed {} processes left in job cgroup {} by a worker that is gone", killed, name);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not look for job cgroups left by workers that are gone in {}: {}", parent, e.getMessage());
        }
    }

    /** Each controller's path relative to its hierarchy, from lines such as {@code 4:memory:/a/b} or {@code 1:cpu,cpuacct:/}. */
    static Map<String, String> ownCgroups(Path procSelfCgroup) {
        Map<String, String> own = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(procSelfCgroup)) {
                String[] parts = line.split(":", 3);
                if (parts.length == 3 && parts[2].startsWith("/")) {
                    for (String controller : parts[1].split(",")) {
                        own.put(controller, parts[2]);
                    }
                }
            }
        } catch (IOException e) {
            // not Linux, or no /proc: every controller at its hierarchy's root
        }
        return own;
    }

    boolean available() {
        return !(hierarchy instanceof None);
    }

    /** Why there are no cgroups; empty when there are. */
    String reason() {
        return hierarchy instanceof None none ? none.reason() : "";
    }

    Set<IsolationFeature> features() {
        return available() ? FEATURES : Set.of();
    }

    String describe() {
        return switch (hierarchy) {
            case Unified u -> "a cgroup per job (cgroup v2 at " + u.parent().directory() + ": memory.max"
                    + (u.parent().has("memory.swap.max") ? ", memory.swap.max" : "") + ", cpu.max, pids.max, "
                    + (u.parent().has("cgroup.kill") ? "cgroup.kill" : "cgroup.freeze and SIGKILL") + "): " + ENFORCED + "; " + NO_V2_DEVICES;
            case Legacy l -> "a cgroup per job (cgroup v1 memory, pids, cpu, freezer" + (l.parents().containsKey(DEVICES) ? ", devices" : "")
                    + " at " + l.root() + "): " + ENFORCED + "; " + (l.parents().containsKey(DEVICES) ? V1_DEVICES
                    : "no device cgroup (" + l.devicesNote() + "): a job that shares the host's /dev can open any GPU node its permissions allow");
            case None n -> "no per-job cgroups (" + n.reason() + "): memory only as address space per process, processes counted per user,"
                    + " no CPU share, and a daemon that left the job's process tree is not found";
        };
    }

    /**
     * Makes a cgroup for one run and sets its limits, or the fallback when none can be made.
     *
     * @param limits the run's limits
     * @param devices the device nodes the run was given: on cgroup v1 with the devices hierarchy, the only GPU
     *     nodes it may open
     * @return the containment
     */
    Containment contain(SandboxLimits limits, List<DeviceNode> devices) {
        String name = "job-" + ProcessHandle.current().pid() + "-" + JOBS.incrementAndGet();
        return switch (hierarchy) {
            case Unified u -> JobCgroupV2.create(u.parent(), name, limits);
            case Legacy l -> JobCgroup.create(l.parents(), name, limits, l.parents().containsKey(DEVICES)
                    ? GpuDeviceRules.denials(GpuDeviceRules.gpuMajors(l.procDevices()), devices) : List.of());
            case None n -> Containment.processTree(limits);
        };
    }

    /** The limits a cgroup leaves to {@code prlimit}: CPU time only. */
    static SandboxLimits leftToRlimits(SandboxLimits limits) {
        return new SandboxLimits(limits.wallTime(), limits.cpuTime(), 0, 0, limits.outputBytes(), 0);
    }

    /** The v1 parent directory in one hierarchy; empty on v2 or without cgroups. */
    Optional<Path> parent(String controller) {
        return hierarchy instanceof Legacy l ? Optional.ofNullable(l.parents().get(controller)) : Optional.empty();
    }

    /** The v2 parent cgroup of the jobs; empty on v1 or without cgroups. */
    Optional<Path> unifiedParent() {
        return hierarchy instanceof Unified u ? Optional.of(u.parent().directory()) : Optional.empty();
    }
}
