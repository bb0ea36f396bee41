package io.resourcepool.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an application that embeds the pool does: a project of its own, outside this build, that imports
 * {@code pool-bom}, depends on the modules without naming their version, is built by Maven and runs. Its code is
 * the examples' sources, copied; its main class is {@link RunACommand}, which embeds a hub on SQLite, enrols a
 * worker with a join token, logs a client in and runs {@code echo}.
 *
 * <p>Maven runs offline on a {@link StagingRepository}: the pool's jars as the reactor's {@code package} phase
 * just made them, and the third-party artifacts the reactor resolved. The surefire configuration in this
 * module's pom passes the versions and places this test needs.
 */
class OutsideProjectTest {
    private static final List<String> LIBRARY_MODULES = List.of("pool-api", "pool-transport-tls", "pool-core", "pool-store-jdbc", "pool-store-sqlite");
    private static final long MAVEN_MINUTES = 5;
    private static final long PROGRAM_MINUTES = 2;

    private final Path root = Path.of(property("pool.root"));
    private final String version = property("pool.version");

    @TempDir
    Path dir;

    @Test
    void aProjectThatImportsTheBomBuildsOfflineAndRunsACommandOnAnEmbeddedPool() throws Exception {
        for (String module : LIBRARY_MODULES) {
            assumeTrue(Files.isRegularFile(StagingRepository.builtJar(module, root.resolve(module), version)),
                    () -> module + "'s jar is made by the package phase, which this run did not reach: run "
                            + "./build -q install -DskipTests first, or ./build verify");
        }
        StagingRepository repository = StagingRepository.sharing(dir.resolve("repository"), Path.of(property("pool.localRepository")), version);
        repository.installPom("resourcepool-parent", root.resolve("pom.xml"));
        repository.installPom("pool-bom", root.resolve("pool-bom/pom.xml"));
        for (String module : LIBRARY_MODULES) {
            repository.installJar(module, root.resolve(module));
        }
        Path project = writeProject(dir.resolve("embedding-app"));

        String build = run(project, MAVEN_MINUTES, Path.of(property("pool.mavenHome"), "bin", "mvn").toString(),
                "-o", "-q", "-B", "-Dmaven.repo.local=" + repository.root(), "compile");
        String classPath = "target/classes:" + Files.readString(project.resolve("target/classpath.txt")).strip();
        passable(dir);
        String output = run(project, PROGRAM_MINUTES, javaCommand(), "-Djava.io.tmpdir=" + passable(Files.createDirectories(dir.resolve("tmp"))),
                "-cp", classPath, RunACommand.class.getName());

        assertThat(build).as("Maven's output, quiet when the build succeeds").doesNotContain("[ERROR]");
        assertThat(output).contains("$ echo 'hello from the pool'\nhello from the pool\n[SUCCEEDED, exit code 0, on node ");
        assertThat(classPath).as("the pool's jars came from the staging repository, at the BOM's version")
                .contains(repository.root() + "/io/resourcepool/pool-core/" + version + "/pool-core-" + version + ".jar");
    }

    /** The application: a pom that imports the BOM, and the examples' sources as its code. */
    private Path writeProject(Path project) throws IOException {
        Path sources = root.resolve("examples/src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = project.resolve("src/main/java").resolve(sources.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        Files.writeString(project.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>embedding-app</artifactId>
                  <version>1.0</version>
                  <properties>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                    <maven.compiler.release>21</maven.compiler.release>
                  </properties>
                  <dependencyManagement>
                    <dependencies>
                      <dependency><groupId>io.resourcepool</groupId><artifactId>pool-bom</artifactId><version>%s</version><type>pom</type><scope>import</scope></dependency>
                    </dependencies>
                  </dependencyManagement>
                  <dependencies>
                    <dependency><groupId>io.resourcepool</groupId><artifactId>pool-core</artifactId></dependency>
                    <dependency><groupId>io.resourcepool</groupId><artifactId>pool-store-sqlite</artifactId></dependency>
                    <dependency><groupId>io.resourcepool</groupId><artifactId>pool-transport-tls</artifactId></dependency>
                    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-simple</artifactId><version>%s</version></dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin><artifactId>maven-resources-plugin</artifactId><version>%s</version></plugin>
                      <plugin><artifactId>maven-compiler-plugin</artifactId><version>%s</version></plugin>
                      <plugin>
                        <artifactId>maven-dependency-plugin</artifactId><version>%s</version>
                        <executions><execution>
                          <phase>compile</phase><goals><goal>build-classpath</goal></goals>
                          <configuration><includeScope>runtime</includeScope><outputFile>target/classpath.txt</outputFile></configuration>
                        </execution></executions>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(version, property("slf4j.version"), property("resources-plugin.version"),
                property("compiler-plugin.version"), property("dependency-plugin.version")));
        return project;
    }

    /** Runs a command in a directory and returns what it printed; fails with that output if it fails. */
    private static String run(Path directory, long minutes, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(directory, "output-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home")); // the JDK 21+ this build runs on
        Process process = builder.start();
        boolean ended = process.waitFor(minutes, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(ended).as("%s ended within %d minutes; its output:%n%s", command[0], minutes, output).isTrue();
        assertThat(process.exitValue()).as("exit code of %s; its output:%n%s", String.join(" ", command), output).isZero();
        return output;
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A temporary directory that the jobs of a worker running as root, each under a uid of its own, can pass through. */
    private static Path passable(Path directory) throws IOException {
        return Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx--x--x"));
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertThat(value).as("system property %s, which the surefire configuration in examples/pom.xml sets", name).isNotBlank();
        return value;
    }
}
