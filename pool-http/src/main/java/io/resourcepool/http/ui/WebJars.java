package io.resourcepool.http.ui;

import io.resourcepool.api.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The front-end libraries the dashboard uses, each from its WebJar on the class path, served at a path without
 * their version ({@code /ui/lib/chart.js/dist/chart.umd.min.js}) so that the page does not change when a library
 * is upgraded in the build. Each version is read from the WebJar's own Maven metadata, so it is pinned in one place:
 * the build.
 */
final class WebJars {
    /** The libraries served, by WebJar name, and the Maven group each is published under. */
    static final Map<String, String> LIBRARIES = Map.of("chart.js", "org.webjars.npm", "picocss__pico", "org.webjars.npm");

    private final Map<String, String> versions;

    private WebJars(Map<String, String> versions) {
        this.versions = Map.copyOf(versions);
    }

    /**
     * Finds every library's version on the class path.
     *
     * @return the libraries
     * @throws ConfigurationException when one is missing from the class path
     */
    static WebJars onClassPath() {
        return new WebJars(LIBRARIES.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> version(e.getValue(), e.getKey()))));
    }

    /**
     * Where a library's file is on the class path.
     *
     * @param library the WebJar's name, for example {@code chart.js}
     * @param file the file's path inside the library, for example {@code dist/chart.umd.min.js}
     * @return the resource's name, when the library is one the dashboard serves
     */
    Optional<String> resource(String library, String file) {
        return Optional.ofNullable(versions.get(library)).map(version -> "/META-INF/resources/webjars/" + library + "/" + version + "/" + file);
    }

    private static String version(String group, String artifact) {
        String metadata = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = WebJars.class.getResourceAsStream(metadata)) {
            if (in == null) {
                throw new ConfigurationException("the dashboard's library " + group + ":" + artifact + " is not on the class path (" + metadata
                        + " is missing); it is a dependency of pool-http");
            }
            Properties properties = new Properties();
            properties.load(in);
            return Optional.ofNullable(properties.getProperty("version"))
                    .orElseThrow(() -> new ConfigurationException(metadata + " names no version"));
        } catch (IOException e) {
            throw new ConfigurationException("cannot read " + metadata + ": " + e.getMessage(), e);
        }
    }
}
