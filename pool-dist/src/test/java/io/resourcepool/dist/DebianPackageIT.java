package io.resourcepool.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resourcepool.launcher.config.ConfigKey;
import io.resourcepool.launcher.config.PropertiesFileUpdate;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package on this machine, as an operator uses it: installed with {@code dpkg -i}; its units checked by
 * {@code systemd-analyze verify}; its hub and worker started as their units start them (systemd is not PID 1 here,
 * so {@link SystemdUnit} reads each unit's program, user, capabilities and no-new-privileges and applies them with
 * {@code setpriv}); the worker installed with {@code pool worker enroll}; a job run; then removed, which leaves the
 * data, and purged, which leaves nothing. It needs root and dpkg, and skips (saying why) without them, or when the
 * package is installed already: it never touches an installation it did not make.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebianPackageIT {
    private static final String PACKAGE = "resourcepool";
    private static final Path UNITS = Path.of("/lib/systemd/system");
    private static final Path CONFIG = Path.of("/etc/resourcepool");
    private static final Path DATA = Path.of("/var/lib/resourcepool");
    private static final Duration START = Duration.ofSeconds(90);
    private static final String SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    @TempDir
    static Path scratch;

    private static FileChannel lockFile;
    private static FileLock lock;
    private static List<Path> owned;

    @BeforeAll
    static void install() throws IOException {
        assumeTrue(root(), "the Debian package's test installs it system-wide and needs root; run as root (CI does)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg")), "dpkg is not installed here, so the Debian package cannot be installed");
        assumeTrue(Files.isRegularFile(Release.debianPackage()), "the build made no Debian package (no dpkg-deb): " + Release.debianPackage());
        // one installation at a time on this machine, whichever build runs this test
        lockFile = FileChannel.open(Path.of("/tmp/resourcepool-debian-package-test.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = lockFile.lock();
        assumeTrue(!installed() && !Files.exists(Path.of("/opt/resourcepool")) && !Files.exists(DATA) && !userExists(),
                "resourcepool is installed on this machine already (package, /opt/resourcepool, " + DATA
                        + " or the user resourcepool): this test installs and purges it, so it leaves that installation alone");
        succeed(List.of("dpkg", "-i", Release.debianPackage().toString()));
        owned = succeed(List.of("dpkg-query", "-L", PACKAGE)).lines().map(Path::of).toList();
    }

    @AfterAll
    static void purgeWhateverIsLeft() throws IOException {
        try {
            if (owned != null && installed()) {
                run(List.of("dpkg", "--purge", PACKAGE));
            }
        } finally {
            if (lock != null) {
                lock.release();
                lockFile.close();
            }
        }
    }

    @Test
    @Order(1)
    void itsUnitsPassSystemdAnalyzeVerify() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze is not installed here (Debian package systemd)");
        ReleaseProcess.Finished verify = run(List.of("systemd-analyze", "verify", UNITS.resolve("resourcepool-hub.service").toString(),
                UNITS.resolve("resourcepool-worker.service").toString()));
        assertThat(verify.exitCode()).as(verify.transcript()).isZero();
        assertThat(verify.stdout() + verify.stderr()).as("what systemd-analyze says of our units").doesNotContain("resourcepool-");
    }

    @Test
    @Order(2)
    void aHubAndAWorkerStartedAsTheirUnitsRunAJobThenRemoveLeavesTheDataAndPurgeLeavesNothing() throws IOException {
        assertThat(Files.readSymbolicLink(Path.of("/usr/bin/pool"))).isEqualTo(Path.of("/opt/resourcepool/bin/pool"));
        assertThat(userExists()).as("postinst makes the hub's system user").isTrue();
        assertThat(Files.getOwner(DATA.resolve("hub")).getName()).isEqualTo("resourcepool");
        // the hub listens where the test may; an operator keeps 0.0.0.0:7443 or chooses their own
        PropertiesFileUpdate.set(CONFIG.resolve("hub.properties"), Map.of(ConfigKey.HUB_BIND, "127.0.0.1:0"));

        try (ReleaseProcess hub = startAsUnit("resourcepool-hub.service", DATA.resolve("hub"))) {
            HubBanner banner = HubBanner.awaitFrom(hub, START);
            String password = HubBanner.awaitGeneratedAdminPassword(hub, START);
            assertThat(processOwner(hub)).as("the hub runs as User=resourcepool").isEqualTo(uidOf("resourcepool"));
            Path home = Files.createDirectories(scratch.resolve("admin"));
            PoolCommandLine shell = new PoolCommandLine(List.of("/usr/bin/pool"), home,
                    Map.of("PATH", SYSTEM_PATH, "POOL_ADMIN_PASSWORD", password), scratch.resolve("logs"));
            Path token = home.resolve("join-token");
            shell.loginAndMakeJoinToken(banner, "POOL_ADMIN_PASSWORD", token);

            assertThat(shell.succeed("worker", "enroll", "--hub", banner.address(), "--ca-fingerprint", banner.caFingerprint(),
                    "--join-token-file", token.toString())).contains("enrolled with hub " + banner.address());
            try (ReleaseProcess worker = startAsUnit("resourcepool-worker.service", Path.of("/root"))) {
                worker.awaitStdout(Pattern.compile("worker registered with hub .* as node (\\S+)"), START);
                assertThat(shell.succeed("run", "--", "echo", "hi")).isEqualTo("hi\n");
                assertThat(shell.succeed("run", "--memory", "64m", "--", "id", "-u").strip())
                        .as("a job of a root worker runs under a uid of its own").isNotEqualTo("0");
                stop(worker);
            }
            stop(hub);
        }

        succeed(List.of("dpkg", "-r", PACKAGE));
        List<Path> conffiles = List.of(CONFIG.resolve("hub.properties"), CONFIG.resolve("worker.properties"));
        assertThat(owned.stream().filter(p -> !conffiles.contains(p)).filter(DebianPackageIT::existsAsFile))
                .as("files of the package left after dpkg -r").isEmpty();
        assertThat(Path.of("/opt/resourcepool")).doesNotExist();
        try (var hubData = Files.list(DATA.resolve("hub"))) {
            assertThat(hubData).as("dpkg -r keeps the hub's data").isNotEmpty();
        }
        assertThat(DATA.resolve("worker/tls")).as("and the worker's key").isDirectory();

        succeed(List.of("dpkg", "--purge", PACKAGE));
        assertThat(owned.stream().filter(DebianPackageIT::existsAsFile)).as("files of the package left after dpkg --purge").isEmpty();
        assertThat(CONFIG).doesNotExist();
        assertThat(DATA).as("dpkg --purge removes the data").doesNotExist();
        assertThat(userExists()).as("dpkg --purge removes the user").isFalse();
        assertThat(installed()).as("dpkg no longer knows the package").isFalse();
    }

    private static ReleaseProcess startAsUnit(String unit, Path home) {
        SystemdUnit service = SystemdUnit.read(UNITS.resolve(unit));
        return ReleaseProcess.start(service.commandLine(), service.workingDirectory(), service.environment(home), scratch.resolve("logs"));
    }

    private static void stop(ReleaseProcess service) {
        service.terminate();
        ReleaseProcess.Finished finished = service.awaitExit(Duration.ofSeconds(30));
        assertThat(finished.exitCode()).as("SuccessExitStatus=143: " + finished.transcript()).isIn(0, 143);
    }

    /** A file or link the package owned still there; directories (such as /lib, a link to one on merged /usr) are shared. */
    private static boolean existsAsFile(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(path);
    }

    /** Whether dpkg knows the package at all: installed, or removed with its configuration files left. */
    private static boolean installed() {
        ReleaseProcess.Finished query = run(List.of("dpkg-query", "-W", "-f=${Status}", PACKAGE));
        return query.exitCode() == 0 && !query.stdout().isBlank() && !query.stdout().contains("not-installed");
    }

    private static boolean userExists() {
        return run(List.of("getent", "passwd", "resourcepool")).exitCode() == 0;
    }

    private static String uidOf(String user) {
        return run(List.of("id", "-u", user)).stdout().strip();
    }

    private static boolean root() {
        return run(List.of("id", "-u")).stdout().strip().equals("0");
    }

    /** The real uid of a process, from {@code /proc/PID/status}. */
    private static String processOwner(ReleaseProcess process) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow().split("\\s+")[1];
    }

    private static String succeed(List<String> command) {
        ReleaseProcess.Finished finished = run(command);
        assertThat(finished.exitCode()).as(finished.transcript()).isZero();
        return finished.stdout();
    }

    private static ReleaseProcess.Finished run(List<String> command) {
        try (ReleaseProcess process = ReleaseProcess.start(command, Path.of("/"), Map.of("PATH", SYSTEM_PATH), scratch.resolve("logs"))) {
            return process.awaitExit(Duration.ofSeconds(120));
        }
    }
}
