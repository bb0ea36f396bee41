package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.spi.sandbox.DeviceNode;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which GPU device nodes a job's cgroup v1 denies it: the GPU drivers found by name in the kernel's list, every minor
 * of theirs but those of the nodes the job was given; and the devices cgroup made in a fake cgroup v1 tree.
 */
class GpuDeviceRulesTest {
    private static final String PROC_DEVICES = """
            Character devices:
              1 mem
              4 tty
            195 nvidia-frontend
            226 drm
            508 nvidia-uvm
            511 kfd

            Block devices:
              7 loop
            195 nvidia-not-a-char-device
            """;

    @TempDir
    Path dir;

    @Test
    void theGpuDriversAreFoundByNameAmongTheCharacterDevices() throws Exception {
        assertThat(GpuDeviceRules.gpuMajors(Files.writeString(dir.resolve("devices"), PROC_DEVICES))).containsExactly(195, 226, 508, 511);
        assertThat(GpuDeviceRules.gpuMajors(dir.resolve("absent"))).isEmpty();
    }

    @Test
    void everyMinorOfAGpuDriverIsDeniedButThoseOfTheNodesGiven() throws Exception {
        Path notADevice = Files.writeString(dir.resolve("nvidia0"), "");
        // /dev/null (1:3) stands in for a GPU node: a character device every Linux has
        List<String> rules = GpuDeviceRules.denials(Set.of(1, 195),
                List.of(new DeviceNode(Path.of("/dev/null"), Path.of("/dev/null")), new DeviceNode(notADevice, Path.of("/dev/nvidia0"))));

        assertThat(rules).hasSize(2 * 256 - 1).contains("c 1:0 rwm", "c 1:5 rwm", "c 195:0 rwm", "c 195:255 rwm").doesNotContain("c 1:3 rwm");
        assertThat(rules.getFirst()).isEqualTo("c 1:0 rwm");
    }

    @Test
    void aCharacterDeviceIsReadAsItsNumbersAndAFileIsNone() throws Exception {
        assertThat(DeviceNumber.ofCharacterDevice(Path.of("/dev/null"))).contains(new DeviceNumber(1, 3));
        assertThat(DeviceNumber.ofCharacterDevice(Files.writeString(dir.resolve("file"), "x"))).isEmpty();
        assertThat(DeviceNumber.ofCharacterDevice(dir.resolve("absent"))).isEmpty();
    }

    @Test
    void onCgroupV1WithTheDevicesHierarchyAJobsCgroupDeniesTheGpusNotItsOwn() throws Exception {
        JobCgroups cgroups = JobCgroups.find(fakeTree(List.of("memory", "pids", "cpu", "freezer", "devices")));

        assertThat(cgroups.describe()).contains("cgroup v1 memory, pids, cpu, freezer, devices",
                "GPU device nodes denied by the job's devices cgroup (v1) but those it was given");
        cgroups.contain(SandboxLimits.of(Duration.ofSeconds(60), 1 << 20), List.of(new DeviceNode(Path.of("/dev/null"), Path.of("/dev/null"))));

        Path parent = cgroups.parent("devices").orElseThrow();
        try (var jobs = Files.list(parent)) {
            Path job = jobs.filter(p -> p.getFileName().toString().startsWith("job-")).findFirst().orElseThrow();
            assertThat(Files.readAllLines(job.resolve("devices.deny"))).hasSize(255).contains("c 1:0 rwm").doesNotContain("c 1:3 rwm");
        }
    }

    @Test
    void withoutTheDevicesHierarchyTheDescriptionSaysTheNodesAreNotGuarded() throws Exception {
        JobCgroups cgroups = JobCgroups.find(fakeTree(List.of("memory", "pids", "cpu", "freezer")));

        assertThat(cgroups.available()).isTrue();
        assertThat(cgroups.describe()).contains("no device cgroup (no cgroup v1 'devices' hierarchy at " + dir.resolve("cgroup/devices") + ")",
                "can open any GPU node its permissions allow");
    }

    /** A cgroup v1 tree with these hierarchies, no cgroup v2, and a kernel whose only "GPU" driver is major 1. */
    private CgroupPaths fakeTree(List<String> hierarchies) throws Exception {
        Path root = Files.createDirectories(dir.resolve("cgroup"));
        for (String hierarchy : hierarchies) {
            Path h = Files.createDirectories(root.resolve(hierarchy));
            Files.writeString(h.resolve("cgroup.procs"), "");
            Files.writeString(h.resolve("tasks"), "");
        }
        return new CgroupPaths(root, Files.writeString(dir.resolve("mountinfo"), ""), Files.writeString(dir.resolve("self-cgroup"), ""),
                Files.writeString(dir.resolve("proc-devices"), "Character devices:\n  1 nvidia-frontend\n"));
    }
}
