package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resourcepool.api.SandboxException;
import io.resourcepool.api.spi.sandbox.ExitStatus;
import io.resourcepool.api.spi.sandbox.IsolationFeature;
import io.resourcepool.api.spi.sandbox.OutputChannel;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import io.resourcepool.api.spi.sandbox.SandboxProcess;
import io.resourcepool.api.spi.sandbox.Termination;
import io.resourcepool.api.spi.sandbox.DeviceNode;
import io.resourcepool.testkit.gpu.FakeGpus;
import io.resourcepool.testkit.sandbox.RecordingOutputSink;
import io.resourcepool.testkit.sandbox.SandboxContract;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BubblewrapSandboxTest extends SandboxContract {
    static final String NOT_INSTALLED = "bubblewrap is not installed; apt-get install bubblewrap to run these tests";
    /** A worker data directory that exists nowhere: these tests bind no path that holds it. */
    static final Path FAKE_DATA = Path.of("/nonexistent/worker-data");

    @Override
    protected Sandbox newSandbox() {
        assumeTrue(Files.isExecutable(BubblewrapSandbox.BWRAP), NOT_INSTALLED);
        return new BubblewrapSandbox(HostView.of(FAKE_DATA), false);
    }

    @Test
    void isolationDeclaresFileSystemProcessNamespaceNetworkAndUser() {
        assertThat(sandbox.isolation().features()).contains(IsolationFeature.FILESYSTEM, IsolationFeature.SEPARATE_IDENTITY,
                IsolationFeature.PROCESS_NAMESPACE, IsolationFeature.NETWORK, IsolationFeature.UNPRIVILEGED_USER);
        assertThat(sandbox.isolation().description()).startsWith("bubblewrap: only /usr, /etc and the system's /bin, /sbin, /lib* read-only")
                .contains("no network");
    }

    @Test
    void aJobIsHeldToTheSystemCallFilterAndStillReadsNothingOnStandardInput() throws Exception {
        assumeTrue("amd64".equals(System.getProperty("os.arch")), "the raw keyctl call below uses x86_64's system call number");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/perl")), "perl is not installed at /usr/bin/perl");

        // keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0) succeeds for any process the filter does not hold
        Run run = run(List.of("sh", "-c", "perl -e 'my $r = syscall(250, 0, -3, 0); print $r < 0 ? \"errno=\" . ($! + 0) : \"allowed\"';"
                + " echo; readlink /proc/self/fd/0"));

        assertThat(sandbox.isolation().features()).contains(IsolationFeature.SYSCALL_FILTER);
        assertThat(sandbox.isolation().description()).contains("seccomp: default filter");
        assertThat(run.output().stdout()).as("stderr: %s", run.output().stderr()).isEqualTo("errno=1\n/dev/null\n");
    }

    @Test
    void kernelLimitsAreDeclaredWhenPrlimitExists() {
        assumeTrue(KernelLimits.PRLIMIT.stream().anyMatch(Files::isExecutable), "prlimit is not installed");

        assertThat(sandbox.isolation().features()).contains(IsolationFeature.MEMORY_LIMIT, IsolationFeature.CPU_TIME_LIMIT,
                IsolationFeature.PROCESS_LIMIT);
        assertThat(sandbox.isolation().description()).contains("prlimit");
    }

    @Test
    void theNetworkIsIsolatedWhereJobsMayAskForItAndTheDescriptionSaysSo() {
        BubblewrapSandbox allowing = new BubblewrapSandbox(HostView.of(FAKE_DATA), true);

        assertThat(allowing.isolation().features()).contains(IsolationFeature.NETWORK, IsolationFeature.FILESYSTEM);
        assertThat(allowing.isolation().description()).contains("no network unless the job asks for it");
    }

    @Test
    void commandNeverRunsAsRoot() throws Exception {
        Run run = run(List.of("id", "-u"));

        assertThat(run.status().exitCode()).as("stderr: %s", run.output().stderr()).isZero();
        assertThat(Integer.parseInt(run.output().stdout().strip())).isNotZero();
    }

    @Test
    void commandCannotConnectToTheHostsNetwork() throws Exception {
        try (ServerSocketChannel server = listeningOnLoopback()) {
            Run run = run(List.of("bash", "-c", "echo > /dev/tcp/127.0.0.1/" + port(server)));

            assertThat(run.status().termination()).isEqualTo(Termination.EXITED);
            assertThat(run.status().exitCode()).isNotZero();
            assertThat(server.accept()).as("a connection that reached the server").isNull();
        }
    }

    @Test
    void aJobThatDoesNotAskHasNoNetworkEvenWhereJobsMayAsk() throws Exception {
        sandbox = new BubblewrapSandbox(HostView.of(FAKE_DATA), true);
        try (ServerSocketChannel server = listeningOnLoopback()) {
            Run run = run(connectTo(server, false));

            assertThat(run.status().exitCode()).isNotZero();
            assertThat(server.accept()).as("a connection that reached the server").isNull();
        }
    }

    @Test
    void aJobThatAsksForTheNetworkReachesTheHostWhereJobsMayAsk() throws Exception {
        sandbox = new BubblewrapSandbox(HostView.of(FAKE_DATA), true);
        try (ServerSocketChannel server = listeningOnLoopback()) {
            Run run = run(connectTo(server, true));

            assertThat(run.status().exitCode()).as("stderr: %s", run.output().stderr()).isZero();
            try (SocketChannel accepted = server.accept()) {
                assertThat(accepted).isNotNull();
            }
        }
    }

    @Test
    void aJobThatAsksForTheNetworkWhereItIsForbiddenIsRefusedSayingWhy() throws Exception {
        try (ServerSocketChannel server = listeningOnLoopback()) {
            assertThatThrownBy(() -> run(connectTo(server, true))).isInstanceOf(SandboxException.class)
                    .hasMessageContaining("asks for the network", "worker.allow-network=false");
            assertThat(server.accept()).isNull();
        }
    }

    @Test
    void aJobSeesOnlyTheDeviceNodesItWasGiven(@org.junit.jupiter.api.io.TempDir Path fakeRoot) throws Exception {
        FakeGpus gpus = FakeGpus.create(fakeRoot, FakeGpus.line(0, "GPU-a", "NVIDIA L4", 0, 0), FakeGpus.line(1, "GPU-b", "NVIDIA L4", 0, 0));
        List<DeviceNode> given = List.of(new DeviceNode(gpus.deviceRoot().resolve("nvidia1"), Path.of("/dev/nvidia1")),
                new DeviceNode(gpus.deviceRoot().resolve("nvidiactl"), Path.of("/dev/nvidiactl")));

        Run run = run(new io.resourcepool.api.spi.sandbox.SandboxRequest(List.of("ls", "/dev"), environment(), workDirectory, workDirectory,
                limits(), false, "", given));

        assertThat(run.output().stdout().lines()).as("stderr: %s", run.output().stderr()).contains("nvidia1", "nvidiactl")
                .doesNotContain("nvidia0", "nvidia-uvm");
    }

    @Test
    void anAmdJobSeesKfdAndOnlyItsOwnRenderNode(@org.junit.jupiter.api.io.TempDir Path fakeRoot) throws Exception {
        FakeGpus gpus = FakeGpus.create(fakeRoot);
        gpus.stateAmd(new FakeGpus.Amd(0, "a", "", 0, 0), new FakeGpus.Amd(1, "b", "", 0, 0));
        List<DeviceNode> given = List.of(new DeviceNode(gpus.deviceRoot().resolve("kfd"), Path.of("/dev/kfd")),
                new DeviceNode(gpus.deviceRoot().resolve("dri/renderD129"), Path.of("/dev/dri/renderD129")));

        Run run = run(new io.resourcepool.api.spi.sandbox.SandboxRequest(List.of("sh", "-c", "ls /dev; echo dri:; ls /dev/dri"), environment(),
                workDirectory, workDirectory, limits(), false, "", given));

        assertThat(run.output().stdout().lines()).as("stderr: %s", run.output().stderr()).contains("kfd", "dri", "renderD129")
                .doesNotContain("renderD128");
    }

    private io.resourcepool.api.spi.sandbox.SandboxRequest connectTo(ServerSocketChannel server, boolean network) throws Exception {
        return new io.resourcepool.api.spi.sandbox.SandboxRequest(List.of("bash", "-c", "echo > /dev/tcp/127.0.0.1/" + port(server)),
                environment(), workDirectory, workDirectory, limits(), network);
    }

    @Test
    void commandCannotWriteOutsideItsWorkDirectory() throws Exception {
        Run run = run(List.of("sh", "-c", "touch /etc/pool-sandbox-probe; echo etc=$?; touch /root/pool-sandbox-probe; echo root=$?;"
                + " touch written; echo work=$?"));

        assertThat(run.output().stdout()).isEqualTo("etc=1\nroot=1\nwork=0\n");
        assertThat(Path.of("/etc/pool-sandbox-probe")).doesNotExist();
        assertThat(workDirectory.resolve("written")).exists();
    }

    @Test
    void temporaryDirectoryIsPrivate() throws Exception {
        String name = "pool-sandbox-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

        Run run = run(List.of("sh", "-c", "echo private > /tmp/" + name + " && cat /tmp/" + name));

        assertThat(run.output().stdout()).as("stderr: %s", run.output().stderr()).isEqualTo("private\n");
        assertThat(Path.of("/tmp", name)).doesNotExist();
    }

    @Test
    void commandCannotSeeTheWorkersProcesses() throws Exception {
        Run run = run(List.of("ls", "/proc"));

        List<String> pids = run.output().stdout().lines().filter(name -> name.matches("\\d+")).toList();
        assertThat(pids).isNotEmpty().hasSizeLessThan(10).doesNotContain(String.valueOf(ProcessHandle.current().pid()));
    }

    @Test
    void environmentIsOnlyTheRequestsWithTheDefaultPath() throws Exception {
        Run run = run(List.of("env"), Map.of("ONLY", "this"), limits());

        // bwrap itself sets PWD to the directory it changed to
        assertThat(run.output().stdout().lines().sorted().toList())
                .containsExactly("ONLY=this", "PATH=" + ProcessSandbox.DEFAULT_PATH, "PWD=" + workDirectory.toRealPath());
    }

    // a daemon that left the tree dies on cancel, timeout and the command's end: ContainmentContract

    @Test
    void missingBubblewrapRefusesToStartAndSaysHowToInstallIt() {
        Sandbox without = new BubblewrapSandbox(HostView.of(FAKE_DATA), JobUidRange.DEFAULT_RANGE, false, workDirectory.resolve("no-bwrap"), KernelLimits.PRLIMIT,
                JobLimitSettings.DEFAULT);

        assertThat(without.isolation().features()).isEmpty();
        assertThatThrownBy(() -> without.start(new io.resourcepool.api.spi.sandbox.SandboxRequest(List.of("true"), environment(),
                workDirectory, limits()), new RecordingOutputSink()))
                .isInstanceOf(SandboxException.class)
                .hasMessage("bubblewrap is not installed (Debian: apt-get install bubblewrap); install it, or choose worker.sandbox=process");
    }

    @Test
    void missingProgramThrowsNamingIt() {
        assertThatThrownBy(() -> start(List.of("nosuchprog"), environment(), limits(), new RecordingOutputSink()))
                .isInstanceOf(SandboxException.class)
                .hasMessageStartingWith("cannot start 'nosuchprog': No such file or directory");
    }

    private static ServerSocketChannel listeningOnLoopback() throws Exception {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        // a connection that got through waits in the backlog; a non-blocking accept finds it without waiting
        server.configureBlocking(false);
        return server;
    }

    private static int port(ServerSocketChannel server) throws Exception {
        return ((InetSocketAddress) server.getLocalAddress()).getPort();
    }
}
