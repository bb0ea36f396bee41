package io.resourcepool.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as an operator gets it: checked against its checksum, unpacked into an empty directory on a
 * machine with no JDK on the {@code PATH} and no {@code JAVA_HOME}, and used: a hub, a worker and {@code pool run},
 * each a process of the archive's {@code bin/pool} on its bundled runtime, over real TLS.
 */
class ReleaseArchiveIT {
    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    static Path scratch;

    static Path unpacked;
    static String noJdkPath;

    @BeforeAll
    static void unpackIntoAnEmptyDirectory() throws Exception {
        Release.assertMatchesItsChecksum(Release.archive());
        // as /opt is: a root worker's jobs run under uids of their own and must pass through to their work directories
        Files.setPosixFilePermissions(scratch, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path into = Files.createDirectory(scratch.resolve("opt"));
        Process tar = new ProcessBuilder("tar", "-xzf", Release.archive().toString(), "-C", into.toString()).inheritIO().start();
        assertThat(tar.waitFor()).as("tar -xzf " + Release.archive()).isZero();
        unpacked = into.resolve("resourcepool-" + Release.version());
        noJdkPath = NoJdkPath.in(scratch.resolve("path"));
    }

    @Test
    void holdsTheCommandItsRuntimeConfigurationUnitsAndNotices() throws IOException {
        assertThat(Files.readString(unpacked.resolve("bin/pool"))).startsWith("#!/bin/sh\n").doesNotContain("mvn", "./build", "javac");
        assertThat(unpacked.resolve("bin/pool")).isExecutable();
        assertThat(unpacked.resolve("lib/pool.jar")).hasSameBinaryContentAs(Release.poolJar());
        assertThat(unpacked.resolve("runtime/bin/java")).isExecutable();
        for (String file : List.of("etc/hub.properties", "etc/worker.properties", "systemd/resourcepool-hub.service",
                "systemd/resourcepool-worker.service", "LICENSE", "NOTICE", "THIRD-PARTY.txt")) {
            assertThat(unpacked.resolve(file)).as(file).isNotEmptyFile();
        }
        assertThat(Files.readString(unpacked.resolve("LICENSE"))).contains("Apache License", "Version 2.0, January 2004");
        String notice = Files.readString(unpacked.resolve("THIRD-PARTY.txt"));
        Files.readAllLines(Release.thirdPartyList()).stream().filter(l -> l.contains(" - ")).forEach(library -> assertThat(notice).contains(library));
        assertThat(notice).contains("runtime/ is a Java runtime made with jlink", "Classpath Exception");
    }

    /**
     * Short commands start from the class-data archive made with the bundled runtime and jar; unpacked elsewhere it
     * still matches them ({@code -Xshare:on} refuses to start with an archive it cannot use).
     */
    @Test
    void itsClassDataArchiveServesTheUnpackedJar() throws Exception {
        assertThat(unpacked.resolve("lib/pool.jsa")).isNotEmptyFile();
        Process jvm = new ProcessBuilder(unpacked.resolve("runtime/bin/java").toString(), "-XX:SharedArchiveFile=" + unpacked.resolve("lib/pool.jsa"),
                "-Xshare:on", "-jar", unpacked.resolve("lib/pool.jar").toString(), "--version").redirectErrorStream(true).start();
        String said = new String(jvm.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(jvm.waitFor()).as(said).isZero();
        assertThat(Files.readString(unpacked.resolve("bin/pool"))).contains("-XX:SharedArchiveFile=\"$root/lib/pool.jsa\"");
    }

    /**
     * The jar registers no JCA provider: BouncyCastle's service file made the JDK instantiate its two providers on every
     * client's first TLS connection, some 600 classes more for each short command (README, "How fast is one command").
     */
    @Test
    void itsJarRegistersNoSecurityProvider() throws IOException {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(unpacked.resolve("lib/pool.jar").toFile())) {
            assertThat(jar.getEntry("META-INF/services/java.security.Provider")).isNull();
            assertThat(jar.getEntry("org/bouncycastle/jce/provider/BouncyCastleProvider.class")).as("BouncyCastle itself stays").isNotNull();
        }
    }

    @Test
    void itsVersionIsTheReleasesOwn() throws Exception {
        Process pool = new ProcessBuilder(unpacked.resolve("bin/pool").toString(), "--version").redirectErrorStream(true).start();
        String said = new String(pool.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(pool.waitFor()).as(said).isZero();
        assertThat(said).isEqualTo("pool " + Release.version() + "\n");
    }

    @Test
    void itsRuntimeIsSmallWithNoCompilerHeadersOrManualPages() throws IOException {
        Path runtime = unpacked.resolve("runtime");
        assertThat(runtime.resolve("bin/javac")).doesNotExist();
        assertThat(runtime.resolve("include")).doesNotExist();
        assertThat(runtime.resolve("man")).doesNotExist();
        assertThat(runtime.resolve("jmods")).doesNotExist();
        assertThat(Files.readString(runtime.resolve("release"))).contains("java.base", "java.sql").doesNotContain("jdk.compiler", "jdk.jshell");
    }

    @Test
    void aHubAWorkerAndARunWorkFromItWithNoJdkOnThePath() throws IOException {
        Path home = Files.createDirectories(scratch.resolve("home"));
        Path data = Files.createDirectories(scratch.resolve("data"));
        PoolCommandLine shell = new PoolCommandLine(List.of(unpacked.resolve("bin/pool").toString()), home,
                Map.of("PATH", noJdkPath, "POOL_ADMIN_PASSWORD", "archive-admin-password"), scratch.resolve("logs"));
        assertThat(whichJava(shell)).as("the PATH these processes get must have no java").isEmpty();

        try (ReleaseProcess hub = shell.start(List.of("hub", "--data-dir", data.resolve("hub").toString(), "--bind", "127.0.0.1:0",
                "--set", "hub.admin-password-env=POOL_ADMIN_PASSWORD"))) {
            HubBanner banner = HubBanner.awaitFrom(hub, START);
            assertThat(runtimeOf(hub)).startsWith(unpacked.resolve("runtime").toString());
            Path token = home.resolve("join-token");
            shell.loginAndMakeJoinToken(banner, "POOL_ADMIN_PASSWORD", token);
            try (ReleaseProcess worker = shell.start(List.of("worker", "--hub", banner.address(), "--ca-fingerprint", banner.caFingerprint(),
                    "--join-token-file", token.toString(), "--data-dir", data.resolve("worker").toString()))) {
                worker.awaitStdout(Pattern.compile("worker registered with hub .* as node (\\S+)"), START);
                assertThat(runtimeOf(worker)).startsWith(unpacked.resolve("runtime").toString());
                assertThat(shell.succeed("run", "--", "echo", "hi")).isEqualTo("hi\n");
            }
        }
    }

    private static String whichJava(PoolCommandLine shell) {
        try (ReleaseProcess which = ReleaseProcess.start(List.of("/bin/sh", "-c", "command -v java || true"), shell.home(),
                shell.environment(), shell.logs())) {
            return which.awaitExit(Duration.ofSeconds(10)).stdout().strip();
        }
    }

    /** The program a process runs, which for {@code bin/pool} (it execs) is the JVM it chose. */
    private static String runtimeOf(ReleaseProcess process) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "exe")).toString();
    }
}
