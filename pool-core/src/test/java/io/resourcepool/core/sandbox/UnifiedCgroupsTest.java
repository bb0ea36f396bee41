package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding cgroup v2, on a directory shaped like cgroupfs: the files the kernel would show are made by the test, and
 * the mount table and the worker's own cgroup are files of the test too.
 */
class UnifiedCgroupsTest {
    private static final String ALL = "cpuset cpu io memory hugetlb pids rdma misc";
    private static final String ENABLED = "+memory +pids +cpu";

    @TempDir
    Path root;

    @Test
    void aUnifiedHierarchyWithTheControllersIsPreferredToV1() throws IOException {
        cgroup(root, ALL, false);
        legacyHierarchies();
        CgroupPaths paths = paths(mountAt(root) + legacyMounts(), "0::/\n4:memory:/\n");

        JobCgroups found = JobCgroups.find(paths);

        assertThat(found.available()).as(found.reason()).isTrue();
        assertThat(found.unifiedParent()).contains(root.resolve("resourcepool"));
        assertThat(found.parent("memory")).isEmpty();
        assertThat(root.resolve("cgroup.subtree_control")).hasContent(ENABLED);
        assertThat(root.resolve("resourcepool/cgroup.subtree_control")).hasContent(ENABLED);
        assertThat(root.resolve("resourcepool/worker")).as("the root cgroup may hold the worker").doesNotExist();
        assertThat(found.describe()).startsWith("a cgroup per job (cgroup v2 at " + root.resolve("resourcepool") + ": memory.max, cpu.max, pids.max");
    }

    @Test
    void theDescriptionNamesCgroupKillAndSwapWhereTheKernelHasThem() throws IOException {
        cgroup(root, ALL, false);
        Files.createDirectories(root.resolve("resourcepool"));
        Files.writeString(root.resolve("resourcepool/cgroup.kill"), "");
        Files.writeString(root.resolve("resourcepool/memory.swap.max"), "max\n");

        JobCgroups found = JobCgroups.find(paths(mountAt(root), "0::/\n"));

        assertThat(found.describe()).startsWith("a cgroup per job (cgroup v2 at " + root.resolve("resourcepool")
                + ": memory.max, memory.swap.max, cpu.max, pids.max, cgroup.kill): memory limit, process limit and CPU share");
    }

    @Test
    void aHybridHostWhoseControllersAreBoundToV1GetsV1AndSaysWhyNotV2() throws IOException {
        Path unified = cgroup(root.resolve("unified"), "", false);
        legacyHierarchies();
        CgroupPaths paths = paths(legacyMounts() + mountAt(unified), "4:memory:/\n0::/\n");

        JobCgroups v2 = UnifiedCgroups.find(paths);
        JobCgroups found = JobCgroups.find(paths);

        assertThat(v2.available()).isFalse();
        assertThat(v2.reason()).isEqualTo("cgroup v2 at " + unified + " has no controllers (cgroup.controllers is empty);"
                + " the memory, pids and cpu controllers are bound to cgroup v1 here");
        assertThat(found.parent("memory")).contains(root.resolve("memory/resourcepool"));
        assertThat(found.describe()).startsWith("a cgroup per job (cgroup v1 memory, pids, cpu, freezer at " + root + ")");
    }

    @Test
    void aMissingControllerIsNamed() throws IOException {
        cgroup(root, "cpuset cpu io pids", false);

        JobCgroups found = JobCgroups.find(paths(mountAt(root), "0::/\n"));

        assertThat(found.available()).isFalse();
        assertThat(found.reason()).startsWith("cgroup v2 at " + root + " lacks the memory controller (cgroup.controllers: cpuset cpu io pids);"
                + " no cgroup v1 'memory' hierarchy at " + root.resolve("memory"));
        assertThat(root.resolve("resourcepool")).as("nothing is made when v2 is refused").doesNotExist();
    }

    @Test
    void controllersNotDelegatedToTheWorkersCgroupAreNamed() throws IOException {
        cgroup(root, ALL, false);
        Path service = cgroup(root.resolve("system.slice/pool.service"), "cpu pids", true);

        JobCgroups found = UnifiedCgroups.find(paths(mountAt(root), "0::/system.slice/pool.service\n"));

        assertThat(found.available()).isFalse();
        assertThat(found.reason()).startsWith("cgroup v2 at " + root + " does not delegate the memory controller to the worker's cgroup "
                + service + " (its cgroup.controllers: 'cpu pids')").contains("Delegate=yes");
    }

    @Test
    void aWorkerInADelegatedCgroupMovesIntoALeafSoThatItsCgroupMayEnableControllers() throws IOException {
        cgroup(root, ALL, false);
        Path service = cgroup(root.resolve("system.slice/pool.service"), "cpu memory pids", true);

        JobCgroups found = UnifiedCgroups.find(paths(mountAt(root), "0::/system.slice/pool.service\n"));

        assertThat(found.available()).as(found.reason()).isTrue();
        assertThat(service.resolve("resourcepool/worker/cgroup.procs")).hasContent(Long.toString(ProcessHandle.current().pid()));
        assertThat(service.resolve("cgroup.subtree_control")).hasContent(ENABLED);
        assertThat(service.resolve("resourcepool/cgroup.subtree_control")).hasContent(ENABLED);
        assertThat(found.unifiedParent()).contains(service.resolve("resourcepool"));
    }

    @Test
    void aWorkerAlreadyInItsLeafIsNotMovedAgain() throws IOException {
        cgroup(root, ALL, false);
        Path service = cgroup(root.resolve("system.slice/pool.service"), "cpu memory pids", true);

        JobCgroups found = UnifiedCgroups.find(paths(mountAt(root), "0::/system.slice/pool.service/resourcepool/worker\n"));

        assertThat(found.unifiedParent()).contains(service.resolve("resourcepool"));
        assertThat(service.resolve("resourcepool/worker/resourcepool")).doesNotExist();
        assertThat(service.resolve("resourcepool/worker/cgroup.procs")).doesNotExist();
    }

    @Test
    void aCgroupTheWorkerMayNotWriteIsRefusedWithTheReason() throws Exception {
        cgroup(root, ALL, false);
        CgroupPaths paths = paths(mountAt(root), "0::/\n");
        boolean asRoot = UnixAccounts.effectiveUid() == 0;
        if (asRoot) {
            // root ignores permissions: an immutable directory refuses even root a new entry
            assumeTrue(run("chattr", "+i", root.toString()) == 0, "chattr +i did not make " + root
                    + " immutable: it needs chattr (Debian: apt-get install e2fsprogs) and a file system with the immutable flag, such as ext4");
        } else {
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        try {
            JobCgroups found = UnifiedCgroups.find(paths);

            assertThat(found.available()).isFalse();
            assertThat(found.reason()).startsWith("the worker may not create cgroups in " + root + " (")
                    .endsWith("per-job cgroups on cgroup v2 need a root worker or a cgroup delegated to the worker's user"
                            + " (a systemd service with Delegate=yes)");
        } finally {
            if (asRoot) {
                run("chattr", "-i", root.toString());
            } else {
                Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
            }
        }
    }

    @Test
    void withoutACgroup2MountThereIsNoV2() throws IOException {
        cgroup(root, ALL, false);

        JobCgroups found = UnifiedCgroups.find(paths(legacyMounts(), "0::/\n"));

        assertThat(found.reason()).isEqualTo("no cgroup v2 mounted at " + root + " or " + root.resolve("unified") + " ("
                + root.resolve("mountinfo") + ")");
    }

    @Test
    void theMountTableIsReadWithItsEscapesAndOptionalFields() throws IOException {
        Path table = Files.writeString(root.resolve("table"), "30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
                + "34 30 0:31 / /sys/fs/cgroup/memory rw,relatime shared:12 - cgroup cgroup rw,memory\n"
                + "40 30 0:37 /pool /mnt/cg\\040two rw,nosuid master:3 - cgroup2 cgroup2 rw,nsdelegate\n");

        assertThat(CgroupMount.readAll(table)).containsExactly(
                new CgroupMount(Path.of("/sys/fs/cgroup/memory"), "/", false, java.util.Set.of("rw", "memory")),
                new CgroupMount(Path.of("/mnt/cg two"), "/pool", true, java.util.Set.of("rw", "nsdelegate")));
    }

    /** A cgroup directory as the kernel shows it; only the root has no cgroup.type. */
    private static Path cgroup(Path directory, String controllers, boolean belowRoot) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("cgroup.controllers"), controllers.isEmpty() ? "" : controllers + "\n");
        Files.writeString(directory.resolve("cgroup.subtree_control"), "");
        Files.writeString(directory.resolve("cgroup.procs"), "");
        if (belowRoot) {
            Files.writeString(directory.resolve("cgroup.type"), "domain\n");
        }
        return directory;
    }

    private void legacyHierarchies() throws IOException {
        for (String controller : JobCgroups.CONTROLLERS) {
            Files.createDirectories(root.resolve(controller));
            Files.writeString(root.resolve(controller).resolve("cgroup.procs"), "");
            Files.writeString(root.resolve(controller).resolve("tasks"), "");
        }
    }

    private String legacyMounts() {
        StringBuilder lines = new StringBuilder();
        for (String controller : List.of("cpu", "memory", "freezer", "pids")) {
            lines.append("31 30 0:28 / ").append(root.resolve(controller)).append(" rw,relatime - cgroup cgroup rw,").append(controller).append('\n');
        }
        return lines.toString();
    }

    private static String mountAt(Path mountPoint) {
        return "40 30 0:37 / " + mountPoint + " rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate\n";
    }

    private CgroupPaths paths(String mountInfo, String ownCgroups) throws IOException {
        return new CgroupPaths(root, Files.writeString(root.resolve("mountinfo"), mountInfo),
                Files.writeString(root.resolve("self-cgroup"), ownCgroups), root.resolve("devices"));
    }

    private static int run(String... command) throws Exception {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }
}
