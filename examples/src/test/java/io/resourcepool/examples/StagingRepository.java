package io.resourcepool.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Maven local repository for a build outside the reactor: the pool's artifacts as this build just made them,
 * and every other artifact as the reactor resolved it, so that the outside build runs offline.
 *
 * <p>Third-party artifacts are symbolic links to the reactor's local repository, group directory by group
 * directory (Maven 3.8 has no chained local repositories); {@code io/resourcepool} is left out of the links, so
 * an artifact installed there by an earlier {@code install} can never stand in for the one under test. The
 * pool's artifacts are installed by writing the local repository's layout ({@code group/artifact/version/
 * artifact-version.pom} and {@code .jar}), which is what {@code install:install-file} writes, without a Maven
 * process per artifact.
 */
final class StagingRepository {
    static final String GROUP = "io.resourcepool";

    private final Path root;
    private final String version;

    private StagingRepository(Path root, String version) {
        this.root = root;
        this.version = version;
    }

    /**
     * Makes the repository, sharing the reactor's third-party artifacts.
     *
     * @param root where to make it; made when missing
     * @param reactorRepository the local repository the reactor resolved into
     * @param version the pool's version being tested
     * @return the repository, with none of the pool's artifacts yet
     */
    static StagingRepository sharing(Path root, Path reactorRepository, String version) throws IOException {
        linkAllBut(reactorRepository, root, List.of("io"));
        linkAllBut(reactorRepository.resolve("io"), root.resolve("io"), List.of("resourcepool"));
        return new StagingRepository(root, version);
    }

    /** The repository's directory, for {@code -Dmaven.repo.local}. */
    Path root() {
        return root;
    }

    /** Installs a module that has a pom only: the parent or the BOM. */
    void installPom(String artifactId, Path pom) throws IOException {
        Files.copy(pom, versionDirectory(artifactId).resolve(artifactId + "-" + version + ".pom"));
    }

    /** Installs a module's pom and its jar as built into {@code module/target}. */
    void installJar(String artifactId, Path moduleDirectory) throws IOException {
        installPom(artifactId, moduleDirectory.resolve("pom.xml"));
        Files.copy(builtJar(artifactId, moduleDirectory, version), versionDirectory(artifactId).resolve(artifactId + "-" + version + ".jar"));
    }

    /** Where the reactor's {@code package} phase leaves a module's jar. */
    static Path builtJar(String artifactId, Path moduleDirectory, String version) {
        return moduleDirectory.resolve("target").resolve(artifactId + "-" + version + ".jar");
    }

    private Path versionDirectory(String artifactId) throws IOException {
        return Files.createDirectories(root.resolve(GROUP.replace('.', '/')).resolve(artifactId).resolve(version));
    }

    private static void linkAllBut(Path from, Path to, List<String> excluded) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> entries = Files.list(from)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (!excluded.contains(entry.getFileName().toString())) {
                    Files.createSymbolicLink(to.resolve(entry.getFileName()), entry.toAbsolutePath());
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
