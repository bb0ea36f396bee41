package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.SandboxException;
import io.resourcepool.api.spi.sandbox.IsolationFeature;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import io.resourcepool.api.spi.sandbox.SandboxProcess;
import io.resourcepool.api.spi.sandbox.SandboxRequest;
import io.resourcepool.api.spi.sandbox.Termination;
import io.resourcepool.testkit.sandbox.ProcessTable;
import io.resourcepool.testkit.sandbox.RecordingOutputSink;
import io.resourcepool.testkit.sandbox.SandboxContract;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciSandboxTest extends SandboxContract {
    @TempDir
    static Path podmanData;

    @Override
    protected Sandbox newSandbox() {
        TestImage.ensure(podmanData);
        return sandbox(false, Optional.of(TestImage.NAME));
    }

    private static OciSandbox sandbox(boolean allowNetwork, Optional<String> defaultImage) {
        return new OciSandbox(new OciSettings(JobUidRange.DEFAULT_RANGE, allowNetwork, defaultImage, Podman.DEFAULT, podmanData, "never", JobLimitSettings.DEFAULT));
    }

    @Test
    void isolationDeclaresTheContainersProtections() {
        assertThat(sandbox.isolation().features()).contains(IsolationFeature.FILESYSTEM, IsolationFeature.PROCESS_NAMESPACE,
                IsolationFeature.NETWORK, IsolationFeature.MEMORY_LIMIT, IsolationFeature.WHOLE_TREE_KILL, IsolationFeature.UNPRIVILEGED_USER);
        assertThat(sandbox.isolation().description()).startsWith("oci (podman, runc)").contains("no network", TestImage.NAME);
    }

    @Test
    void theCommandSeesTheImagesFilesNotTheHosts() throws Exception {
        Run run = run(List.of("sh", "-c", "test -x /bin/busybox && echo has-busybox; test -e /home || echo no-home;"
                + " test -e /usr/lib/jvm || echo no-jvm; echo $(cat /etc/hostname); id -u"));

        List<String> lines = run.output().stdout().lines().toList();
        assertThat(lines).as(run.output().stderr()).startsWith("has-busybox", "no-home", "no-jvm");
        assertThat(lines.get(3)).isNotEqualTo(Files.readString(Path.of("/etc/hostname")).strip());
        assertThat(lines.get(4)).isNotEqualTo("0");
    }

    @Test
    void theImageIsReadOnlyAndTmpIsWritable() throws Exception {
        Run run = run(List.of("sh", "-c", "touch /bin/probe; echo bin=$?; touch /tmp/probe; echo tmp=$?"));

        assertThat(run.output().stdout()).contains("bin=1", "tmp=0");
    }

    @Test
    void aJobThatDoesNotAskHasNoNetworkEvenWhereJobsMayAsk() throws Exception {
        sandbox = sandbox(true, Optional.of(TestImage.NAME));
        try (ServerSocketChannel server = listeningOnLoopback()) {
            run(connectTo(server, false));

            assertThat(server.accept()).as("a connection that reached the server").isNull();
        }
    }

    @Test
    void aJobThatAsksForTheNetworkReachesTheHostWhereJobsMayAsk() throws Exception {
        sandbox = sandbox(true, Optional.of(TestImage.NAME));
        try (ServerSocketChannel server = listeningOnLoopback()) {
            Run run = run(connectTo(server, true));

            try (SocketChannel accepted = server.accept()) {
                assertThat(accepted).as("stderr: %s", run.output().stderr()).isNotNull();
            }
        }
    }

    @Test
    void aJobThatAsksForTheNetworkWhereItIsForbiddenIsRefusedSayingWhy() throws Exception {
        try (ServerSocketChannel server = listeningOnLoopback()) {
            assertThatThrownBy(() -> run(connectTo(server, true))).isInstanceOf(SandboxException.class)
                    .hasMessageContaining("asks for the network", "worker.allow-network=false");
        }
    }

    @Test
    void theImageTheJobNamesIsUsedAndAJobWithoutOneOrDefaultIsRefused() throws Exception {
        sandbox = sandbox(false, Optional.empty());
        Run named = run(new SandboxRequest(List.of("true"), environment(), workDirectory, workDirectory, limits(), false, TestImage.NAME));
        assertThat(named.status().exitCode()).as(named.output().stderr()).isZero();

        assertThatThrownBy(() -> run(List.of("true"))).isInstanceOf(SandboxException.class)
                .hasMessageContaining("names no container image", "worker.oci.default-image");
    }

    @Test
    void anImageThatIsNotThereFailsToStartSayingSo() throws Exception {
        Run run = run(new SandboxRequest(List.of("true"), environment(), workDirectory, workDirectory, limits(), false,
                "localhost/resourcepool-no-such-image:1"));

        assertThat(run.status().termination()).isEqualTo(Termination.FAILED_TO_START);
        assertThat(run.status().reason()).contains("podman could not run image localhost/resourcepool-no-such-image:1");
    }

    @Test
    void environmentValuesAreOnNoCommandLineWhileTheJobRuns() throws Exception {
        String secret = "pool-secret-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        Map<String, String> environment = environment();
        environment.put("POOL_SECRET", secret);
        RecordingOutputSink output = new RecordingOutputSink();
        String marker = sleepMarker();
        SandboxProcess process = start(List.of("sh", "-c", "echo $POOL_SECRET; exec sleep " + marker), environment, limits(), output);
        try {
            output.await(OutputChannel.STDOUT, text -> text.contains(secret), PATIENCE);
            assertThat(awaitTrue(() -> !ProcessTable.runningWith(marker).isEmpty())).isTrue();

            assertThat(processesMentioning(secret, "cmdline")).as("command lines holding the value").isEmpty();
            assertThat(processesMentioning(secret, "environ")).as("the job's own environment holds it, nothing else's")
                    .hasSizeLessThanOrEqualTo(1);
        } finally {
            process.cancel();
            await(process);
        }
    }

    @Test
    void aTimeoutRemovesTheContainer() throws Exception {
        String marker = sleepMarker();

        Run run = run(List.of("sleep", marker), environment(), SandboxLimits.of(Duration.ofSeconds(2), 1 << 20));

        assertThat(run.status().termination()).isEqualTo(Termination.TIMED_OUT);
        assertGone(marker);
        assertThat(awaitTrue(() -> !containers().contains(marker))).as("a container running %s is left: %s", marker, containers()).isTrue();
    }

    @Test
    void aVariableWithALineBreakIsRefusedNamingIt() {
        Map<String, String> environment = environment();
        environment.put("TWO_LINES", "a\nb");

        assertThatThrownBy(() -> start(List.of("env"), environment, limits(), new RecordingOutputSink()))
                .isInstanceOf(SandboxException.class).hasMessageContaining("TWO_LINES", "line break").hasMessageNotContaining("a\nb");
    }

    private String containers() {
        return TestImage.run(new Podman(Podman.DEFAULT, podmanData).environment(),
                List.of(Podman.DEFAULT.toString(), "ps", "--all", "--no-trunc", "--format", "{{.Names}} {{.Command}}")).output();
    }

    private static List<Long> processesMentioning(String text, String file) throws IOException {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> contains(p.resolve(file), text))
                    .map(p -> Long.parseLong(p.getFileName().toString())).toList();
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean awaitTrue(java.util.function.Supplier<Boolean> condition) {
        return ProcessTable.awaitTrue(condition, Duration.ofSeconds(20));
    }

    private SandboxRequest connectTo(ServerSocketChannel server, boolean network) throws IOException {
        return new SandboxRequest(List.of("sh", "-c", "timeout 3 nc 127.0.0.1 " + port(server) + " < /dev/null; true"), environment(), workDirectory,
                workDirectory, limits(), network);
    }

    private static ServerSocketChannel listeningOnLoopback() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.configureBlocking(false);
        return server;
    }

    private static int port(ServerSocketChannel server) throws IOException {
        return ((InetSocketAddress) server.getLocalAddress()).getPort();
    }
}
