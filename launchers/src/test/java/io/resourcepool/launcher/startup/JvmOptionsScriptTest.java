package io.resourcepool.launcher.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/pool-jvm-options.sh, as ./pool and the release's bin/pool use it, on a small jar and a class-data
 * sharing archive made from it here: a matching archive is used, and one that does not match (rebuilt jar,
 * damaged or foreign file) is ignored without a word on either stream, the program running as usual.
 */
class JvmOptionsScriptTest {
    private static final Path SCRIPT = Path.of("..", "scripts", "pool-jvm-options.sh").toAbsolutePath().normalize();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private Path jar;
    private Path archive;

    @BeforeEach
    void jarAndItsArchive() throws Exception {
        jar = dir.resolve("probe.jar");
        archive = dir.resolve("probe.jsa");
        writeProbeJar(jar);
        Run dump = run(List.of(JAVA, "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=error", "-jar", jar.toString()));
        assertThat(dump.code()).as(dump.toString()).isZero();
        assertThat(archive).isNotEmptyFile();
    }

    @Test
    void shortCommandLoadsItsClassesFromAMatchingArchive() throws Exception {
        Run run = throughScript("status", "-Xlog:class+load=info");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("ArchiveProbe source: shared objects file (top)").contains("probe");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void damagedArchiveIsIgnoredSilently() throws Exception {
        Files.write(archive, "not an archive".getBytes(StandardCharsets.US_ASCII));
        assertRunsPlainly(throughScript("status"));
    }

    @Test
    void archiveOfAnotherBuildOfTheJarIsIgnoredSilently() throws Exception {
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
        Run run = throughScript("run", "-Xlog:class+load=info");
        assertThat(run.out()).doesNotContain("shared objects file (top)");
        assertThat(run.err()).isEmpty();
        assertRunsPlainly(throughScript("run"));
    }

    @Test
    void missingArchiveLeavesItsOptionOut() throws Exception {
        Files.delete(archive);
        assertThat(options("status")).doesNotContain("-XX:SharedArchiveFile=" + archive).contains("-XX:TieredStopAtLevel=1");
        assertRunsPlainly(throughScript("status"));
    }

    @Test
    void servicesKeepTheJvmDefaults() throws Exception {
        for (String service : List.of("hub", "worker", "demo", "bench")) {
            assertThat(options(service)).as(service).isEqualTo("--enable-native-access=ALL-UNNAMED");
        }
        assertThat(options("status")).contains("-XX:SharedArchiveFile=" + archive, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    }

    private static void assertRunsPlainly(Run run) {
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("probe\n");
        assertThat(run.err()).isEmpty();
    }

    private String options(String command) throws Exception {
        Run run = run(List.of("bash", "-c", ". \"$0\"; pool_jvm_options \"$1\" \"$2\"; echo \"${POOL_JVM_OPTIONS[*]}\"",
                SCRIPT.toString(), archive.toString(), command));
        assertThat(run.code()).as(run.toString()).isZero();
        return run.out().strip();
    }

    private Run throughScript(String command, String... extraJvmOptions) throws Exception {
        List<String> line = new ArrayList<>(List.of("bash", "-c",
                ". \"$0\"; pool_jvm_options \"$1\" \"$2\"; shift 2; exec \"$@\" \"${POOL_JVM_OPTIONS[@]}\" -jar " + "'" + jar + "'",
                SCRIPT.toString(), archive.toString(), command));
        line.add(JAVA);
        line.addAll(List.of(extraJvmOptions));
        return run(line);
    }

    private Run run(List<String> command) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after " + DEADLINE + ": " + command);
        }
        return new Run(command, process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void writeProbeJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, ArchiveProbe.class.getName());
        String entry = ArchiveProbe.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             var in = ArchiveProbe.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
    }

    private record Run(List<String> command, int code, String out, String err) {
        @Override
        public String toString() {
            return String.join(" ", command) + " exited " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }
}
