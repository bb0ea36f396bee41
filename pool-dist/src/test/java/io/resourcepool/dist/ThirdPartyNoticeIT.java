package io.resourcepool.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The third-party notice matches what the release bundles: every class and resource in {@code pool.jar} is the
 * project's own or comes from a library the notice lists, and every library it lists is in the jar.
 */
class ThirdPartyNoticeIT {
    /** A line of the list: {@code (Licence) Name (group:artifact:version - url)}. */
    private static final Pattern COORDINATES = Pattern.compile("\\(([^\\s:()]+):([^\\s:()]+):([^\\s()]+) - ");
    private static final List<String> OWN_MODULES = List.of("pool-api", "pool-core", "pool-transport-tls", "pool-store-jdbc",
            "pool-store-sqlite", "pool-http", "launchers");

    private static Map<String, Set<String>> listed;
    private static Set<String> bundled;

    @BeforeAll
    static void readTheListAndTheJar() throws IOException {
        listed = new LinkedHashMap<>();
        Matcher m = COORDINATES.matcher(Files.readString(Release.thirdPartyList()));
        while (m.find()) {
            Path jar = Release.mavenRepository().resolve(m.group(1).replace('.', '/')).resolve(m.group(2)).resolve(m.group(3))
                    .resolve(m.group(2) + "-" + m.group(3) + ".jar");
            listed.put(m.group(1) + ":" + m.group(2) + ":" + m.group(3), contents(jar));
        }
        bundled = contents(Release.poolJar());
    }

    @Test
    void listsLibrariesWithTheirLicences() throws IOException {
        assertThat(listed).hasSizeGreaterThan(10);
        assertThat(listed.keySet()).anyMatch(k -> k.startsWith("info.picocli:picocli:")).anyMatch(k -> k.startsWith("org.xerial:sqlite-jdbc:"));
        assertThat(Files.readString(Release.thirdPartyList())).doesNotContain("Unknown license", "io.resourcepool:");
    }

    @Test
    void everyListedLibraryIsInTheJar() {
        listed.forEach((library, entries) -> assertThat(entries).as(library + " is listed, so some of it must be bundled")
                .containsAnyElementsOf(bundled));
    }

    @Test
    void everythingInTheJarIsTheProjectsOwnOrFromAListedLibrary() {
        Set<String> accounted = new HashSet<>(ownEntries());
        listed.values().forEach(accounted::addAll);
        assertThat(bundled.stream().filter(e -> !accounted.contains(e)).limit(20))
                .as("entries of pool.jar from a library the third-party notice does not list").isEmpty();
    }

    /** What a jar's build adds about the jar itself rather than its contents; the shaded jar drops or rewrites these. */
    private static final Pattern ABOUT_THE_JAR = Pattern.compile("META-INF/(MANIFEST\\.MF|maven/.*|[^/]+\\.(SF|DSA|RSA|EC))|(.*/)?module-info\\.class");

    /** Classes and resources of a jar: not its directories, manifest, signatures, Maven metadata or module descriptor. */
    private static Set<String> contents(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Set<String> entries = new HashSet<>();
            zip.stream().filter(e -> !e.isDirectory()).map(ZipEntry::getName)
                    .filter(n -> !ABOUT_THE_JAR.matcher(n).matches()).forEach(entries::add);
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar + " (is it in the local Maven repository?)", e);
        }
    }

    /** What the project's own modules compiled, from their build directories. */
    private static Set<String> ownEntries() {
        Set<String> entries = new HashSet<>();
        Path project = Release.poolJar().getParent().getParent().getParent();
        for (String module : OWN_MODULES) {
            Path classes = project.resolve(module).resolve("target/classes");
            try (Stream<Path> files = Files.walk(classes)) {
                files.filter(Files::isRegularFile).map(f -> classes.relativize(f).toString()).forEach(entries::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + classes + "; build the project first", e);
            }
        }
        return entries;
    }
}
