package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.ConfigurationException;
import io.resourcepool.api.SandboxException;
import io.resourcepool.api.spi.Providers;
import io.resourcepool.api.spi.ProviderConfig;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import io.resourcepool.api.spi.sandbox.SandboxProvider;
import io.resourcepool.api.spi.sandbox.SandboxRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciSandboxProviderTest {
    @TempDir
    Path data;

    private ProviderConfig config(Map<String, String> settings) {
        return new ProviderConfig("oci", "sandbox", data.resolve("worker"), settings);
    }

    @Test
    void theProviderIsFoundByTypeAndMakingASandboxTouchesNothing() {
        var sandbox = Providers.select(SandboxProvider.class, "oci").create(config(Map.of("default-image", "localhost/tools:1")));

        assertThat(sandbox).isInstanceOf(OciSandbox.class);
        assertThat(sandbox.toString()).contains("localhost/tools:1");
        assertThat(data.resolve("worker")).doesNotExist();
    }

    @Test
    void badSettingsAreRefusedNamingTheKey() {
        OciSandboxProvider provider = new OciSandboxProvider();

        assertThatThrownBy(() -> provider.create(config(Map.of("default-image", "--privileged")))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("sandbox.default-image", "is not an image reference");
        assertThatThrownBy(() -> provider.create(config(Map.of("pull", "sometimes")))).hasMessageContaining("sandbox.pull");
        assertThatThrownBy(() -> provider.create(config(Map.of("podman", "podman")))).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> provider.create(config(Map.of("image", "x")))).hasMessageContaining("is not a setting of sandbox type 'oci'");
    }

    @Test
    void withoutPodmanItClaimsNothingAndRefusesJobsSayingWhatToInstall() throws Exception {
        var sandbox = new OciSandboxProvider().create(config(Map.of("podman", "/nonexistent/podman")));
        Path work = Files.createDirectory(data.resolve("work"));

        assertThat(sandbox.isolation().features()).isEmpty();
        assertThat(sandbox.isolation().description()).isEqualTo("oci: refuses to run jobs: " + OciSandbox.NOT_INSTALLED);
        assertThatThrownBy(() -> sandbox.start(new SandboxRequest(List.of("true"), Map.of(), work, SandboxLimits.of(Duration.ofSeconds(5), 1024)),
                (channel, chunk) -> { })).isInstanceOf(SandboxException.class).hasMessageContaining("apt-get install podman runc");
    }

    @Test
    void theProcessSandboxRefusesAJobThatNamesAnImage() throws Exception {
        Path work = Files.createDirectory(data.resolve("work"));
        SandboxRequest request = new SandboxRequest(List.of("true"), Map.of(), work, work, SandboxLimits.of(Duration.ofSeconds(5), 1024), false,
                "localhost/tools:1");

        assertThatThrownBy(() -> new ProcessSandbox().start(request, (channel, chunk) -> { })).isInstanceOf(SandboxException.class)
                .hasMessageContaining("container image localhost/tools:1", "runs no images", "worker.sandbox=oci");
    }

    @Test
    void theCommandLineHoldsNoEnvironmentValueAndEndsOptionsAtTheImage() {
        OciCommand command = new OciCommand("resourcepool-abc", "localhost/tools:1", "65534:65534", Path.of("/w/j"), Path.of("/w/j/b"), false,
                "never", List.of());
        SandboxLimits limits = new SandboxLimits(Duration.ofSeconds(5), Duration.ZERO, 64L << 20, 7, 1024, 2);

        List<String> line = command.line(Podman.DEFAULT, limits, List.of("--rm", "x"));

        assertThat(line).containsSubsequence("--network", "none").containsSubsequence("--user", "65534:65534")
                .containsSubsequence("--memory", Long.toString(64L << 20)).containsSubsequence("--pids-limit", "7").containsSubsequence("--cpus", "2")
                .containsSubsequence("--env-file", "/dev/stdin").containsSubsequence("--volume", "/w/j:/w/j:rw").containsSubsequence("--workdir", "/w/j/b");
        assertThat(line.subList(line.size() - 3, line.size())).containsExactly("localhost/tools:1", "--rm", "x");
        assertThat(new String(Podman.envFile(Map.of("TOKEN", "s3cret value"), "x"), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("TOKEN=s3cret value\n");
    }
}
