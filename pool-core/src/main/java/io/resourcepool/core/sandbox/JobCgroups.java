package io.resourcepool.core.sandbox;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where per-job cgroups are made: a {@value #PARENT} directory below the worker's own cgroup in each of the cgroup
 * v1 hierarchies {@code memory}, {@code pids}, {@code cpu} and {@code freezer}. They are usable when all four are
 * mounted under the root (normally {@code /sys/fs/cgroup}) and the worker may create directories there, which in
 * practice means a root worker. A host with only cgroup v2 (or without one of the four) gets none: jobs then run
 * under the {@code prlimit} fallback ({@link KernelLimits}, {@link Containment#processTree}), and the isolation
 * description says why.
 */
final class JobCgroups {
    /** Where cgroup hierarchies are normally mounted. */
    static final Path ROOT = Path.of("/sys/fs/cgroup");
    static final List<String> CONTROLLERS = List.of("memory", "pids", "cpu", "freezer");
    static final String PARENT = "resourcepool";
    private static final Set<IsolationFeature> FEATURES = Set.of(IsolationFeature.MEMORY_LIMIT, IsolationFeature.PROCESS_LIMIT,
            IsolationFeature.CPU_SHARE, IsolationFeature.WHOLE_TREE_KILL);
    private static final AtomicLong JOBS = new AtomicLong();
    private static final Pattern JOB_NAME = Pattern.compile("job-(\\d+)-\\d+");
    private static final Logger LOG = LoggerFactory.getLogger(JobCgroups.class);

    private final Map<String, Path> parents;
    private final String problem;

    private JobCgroups(Map<String, Path> parents, String problem) {
        this.parents = Map.copyOf(parents);
        this.problem = problem;
    }

    /** None: the fallback, with the reason given. */
    static JobCgroups none(String reason) {
        return new JobCgroups(Map.of(), reason);
    }

    /**
     * Looks for the hierarchies and makes the parent directories, reading {@code /proc/self/cgroup} for the
     * worker's own place in each.
     *
     * @param root where the hierarchies are mounted
     * @return usable cgroups, or none with the reason
     */
    static JobCgroups find(Path root) {
        Map<String, String> own = ownCgroups(Path.of("/proc/self/cgroup"));
        Map<String, Path> parents = new LinkedHashMap<>();
        for (String controller : CONTROLLERS) {
            Path hierarchy = root.resolve(controller);
            if (!Files.isRegularFile(hierarchy.resolve("cgroup.procs")) || !Files.isRegularFile(hierarchy.resolve("tasks"))) {
                return none("no cgroup v1 '" + controller + "' hierarchy at " + hierarchy);
            }
            Path parent = hierarchy.resolve(own.getOrDefault(controller, "/").substring(1)).resolve(PARENT);
            try {
                Files.createDirectories(parent);
                // the parent may be there already, made by a root worker before: what matters is making a job's cgroup in it
                Files.delete(Files.createDirectory(parent.resolve("probe-" + ProcessHandle.current().pid())));
            } catch (IOException | SecurityException e) {
                return none("the worker may not create cgroups in " + parent.getParent() + " (" + e.getClass().getSimpleName()
                        + "): per-job cgroups need a root worker or a delegated hierarchy");
            }
            if (parent.toString().contains("'")) {
                return none("the cgroup path " + parent + " contains a quote");
            }
            parents.put(controller, parent);
        }
        reapOrphans(parents);
        return new JobCgroups(parents, "");
    }

    /**
     * Kills what jobs of a dead worker left running. A worker killed outright (SIGKILL, a crash) cannot stop its jobs;
     * their cgroups carry its process id, so the next worker to start on the host finds those of workers no longer
     * alive, kills every process in them and removes them. Workers still alive keep theirs.
     */
    static void reapOrphans(Map<String, Path> parents) {
        Path freezer = parents.get("freezer");
        try (var names = Files.list(freezer)) {
            for (String name : names.map(p -> p.getFileName().toString()).toList()) {
                Matcher job = JOB_NAME.matcher(name);
                if (job.matches() && ProcessHandle.of(Long.parseLong(job.group(1))).isEmpty()) {
                    int killed = JobCgroup.reap(parents, name);
                    LOG.warn("killed {} processes left in job cgroup {} by a worker that is gone", killed, name);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not look for job cgroups left by workers that are gone in {}: {}", freezer, e.getMessage());
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
        return !parents.isEmpty();
    }

    Set<IsolationFeature> features() {
        return available() ? FEATURES : Set.of();
    }

    String describe() {
        return available()
                ? "a cgroup per job (v1 memory, pids, cpu, freezer): memory limit, process limit and CPU share from the job,"
                        + " and every process of the job killed with it"
                : "no per-job cgroups (" + problem + "): memory only as address space per process, processes counted per user,"
                        + " no CPU share, and a daemon that left the job's process tree is not found";
    }

    /**
     * Makes a cgroup for one run and sets its limits, or the fallback when none can be made.
     *
     * @param limits the run's limits
     * @return the containment
     */
    Containment contain(SandboxLimits limits) {
        if (!available()) {
            return Containment.processTree(limits);
        }
        String name = "job-" + ProcessHandle.current().pid() + "-" + JOBS.incrementAndGet();
        return JobCgroup.create(parents, name, limits);
    }

    /** The limits a cgroup leaves to {@code prlimit}: CPU time only. */
    static SandboxLimits leftToRlimits(SandboxLimits limits) {
        return new SandboxLimits(limits.wallTime(), limits.cpuTime(), 0, 0, limits.outputBytes(), 0);
    }

    Optional<Path> parent(String controller) {
        return Optional.ofNullable(parents.get(controller));
    }
}
