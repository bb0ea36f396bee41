package io.resourcepool.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {
    @Test
    void nodeNamesAreDnsLabels() {
        assertThat(NodeId.of("gpu-box-3f2a").value()).isEqualTo("gpu-box-3f2a");
        assertThatThrownBy(() -> NodeId.of("Upper")).hasMessageContaining("node name 'Upper' is not valid");
        assertThatThrownBy(() -> NodeId.of("-lead")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeId.of("a".repeat(64))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void finalStatesNeverMoveAndRunningMayRetry() {
        for (JobState s : JobState.values()) {
            assertThat(s.isFinal()).isEqualTo(s.successors().isEmpty());
        }
        assertThat(JobState.RUNNING.canMoveTo(JobState.QUEUED)).isTrue();
        assertThat(JobState.SUCCEEDED.canMoveTo(JobState.RUNNING)).isFalse();
        assertThat(JobState.QUEUED.canMoveTo(JobState.SUCCEEDED)).isFalse();
    }

    @Test
    void jobSpecRefusesBadValuesNamingTheField() {
        assertThatThrownBy(() -> JobSpec.of(List.of())).hasMessageContaining("command must name a program");
        assertThatThrownBy(() -> JobSpec.of("true").withEnvironment(Map.of("BAD NAME", "x"))).hasMessageContaining("environment name 'BAD NAME'");
        assertThatThrownBy(() -> JobSpec.of("true").withOutputCap(0)).hasMessageContaining("outputCapBytes");
        assertThat(JobSpec.of("env").withEnvironment(Map.of("TOKEN", "hunter2")).toString()).doesNotContain("hunter2");
    }

    @Test
    void workingDirectoryStaysInsideTheJobsWorkDirectory() {
        assertThat(JobSpec.of("pwd").workingDirectory()).isEmpty();
        assertThat(JobSpec.of("pwd").withWorkingDirectory("build/out 2").workingDirectory()).isEqualTo("build/out 2");
        for (String bad : List.of("/etc", "..", "a/../..", "a//b", "a/", "./a", "a/.")) {
            assertThatThrownBy(() -> JobSpec.of("pwd").withWorkingDirectory(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workingDirectory '" + bad + "'");
        }
        assertThatThrownBy(() -> JobSpec.of("pwd").withWorkingDirectory("a\nb")).hasMessageContaining("control characters");
        assertThatThrownBy(() -> JobSpec.of("pwd").withWorkingDirectory("x".repeat(JobSpec.MAX_WORKING_DIRECTORY_CHARS + 1)))
                .hasMessageContaining("at most " + JobSpec.MAX_WORKING_DIRECTORY_CHARS);
    }

    @Test
    void imageIsAWellFormedReferenceOrNone() {
        assertThat(JobSpec.of("true").image()).isEmpty();
        for (String good : List.of("debian", "localhost/resourcepool-test-busybox:1", "docker.io/library/debian:12-slim",
                "registry.example.com:5000/team/tool_x:v1.2", "alpine@sha256:" + "ab".repeat(32))) {
            assertThat(JobSpec.of("true").withImage(good).image()).isEqualTo(good);
        }
        for (String bad : List.of("-v", "--privileged", "Debian", "debian:", "a b", "a\nb", "/abs", "a//b", "debian:12 --rm", "x@sha256:zz")) {
            assertThatThrownBy(() -> JobSpec.of("true").withImage(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not an image reference");
        }
        assertThatThrownBy(() -> JobSpec.of("true").withImage("a".repeat(JobSpec.MAX_IMAGE_CHARS + 1)))
                .hasMessageContaining("at most " + JobSpec.MAX_IMAGE_CHARS);
        assertThat(JobSpec.of("true").withImage("debian").withTimeout(java.time.Duration.ofSeconds(5)).image()).isEqualTo("debian");
    }

    @Test
    void bytesCompareByContentAndStayUnchanged() {
        byte[] raw = {1, 2, 3};
        Bytes b = Bytes.copyOf(raw);
        raw[0] = 9;
        assertThat(b).isEqualTo(Bytes.copyOf(new byte[] {1, 2, 3}));
        assertThat(b.tail(2)).isEqualTo(Bytes.copyOf(new byte[] {2, 3}));
        assertThat(b.toString()).isEqualTo("Bytes[3]");
    }

    @Test
    void rolesNestAndParseTheirWireNames() {
        assertThat(Role.ADMIN.includes(Role.VIEWER)).isTrue();
        assertThat(Role.VIEWER.includes(Role.COMPUTE_USER)).isFalse();
        assertThat(Role.fromWireName("compute-user")).isEqualTo(Role.COMPUTE_USER);
        assertThatThrownBy(() -> Role.fromWireName("root")).hasMessageContaining("use one of admin, compute-user, viewer");
    }

    @Test
    void resourcesRefuseImpossibleFigures() {
        assertThatThrownBy(() -> new NodeResources(2, 1.5, 10, 5, 10, 5, List.of())).hasMessageContaining("cpuLoad");
        assertThatThrownBy(() -> new NodeResources(2, 0.5, 10, 50, 10, 5, List.of())).hasMessageContaining("memoryAvailableBytes (50)");
    }
}
