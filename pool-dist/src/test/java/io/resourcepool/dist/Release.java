package io.resourcepool.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What the build of this module made, where the build says it is (system properties set by failsafe). */
final class Release {
    private Release() {}

    /** @return the project's version, as the file names carry it */
    static String version() {
        return property("dist.version");
    }

    /** @return {@code resourcepool-VERSION-linux-x64.tar.gz} */
    static Path archive() {
        return output().resolve("resourcepool-" + version() + "-linux-x64.tar.gz");
    }

    /** @return {@code resourcepool_VERSION_amd64.deb}, with Debian's {@code ~} for the version's {@code -} */
    static Path debianPackage() {
        return output().resolve("resourcepool_" + version().replace('-', '~') + "_amd64.deb");
    }

    /** @return the fat jar the release bundles */
    static Path poolJar() {
        return Path.of(property("dist.pool-jar"));
    }

    /** @return the build's third-party list, as license-maven-plugin wrote it */
    static Path thirdPartyList() {
        return Path.of(property("dist.third-party"));
    }

    /** @return the local Maven repository holding the dependencies' jars */
    static Path mavenRepository() {
        return Path.of(property("dist.maven-repository"));
    }

    /**
     * Checks a file against the {@code .sha256} beside it (in {@code sha256sum}'s format).
     *
     * @param file the file
     */
    static void assertMatchesItsChecksum(Path file) {
        try {
            String line = Files.readString(file.resolveSibling(file.getFileName() + ".sha256")).strip();
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (var in = new java.security.DigestInputStream(Files.newInputStream(file), sha256)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            assertThat(line).isEqualTo(HexFormat.of().formatHex(sha256.digest()) + "  " + file.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the checksum of " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    private static Path output() {
        return Path.of(property("dist.output"));
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set; run these tests through Maven"
                    + " (./build -pl pool-dist verify), which sets it to what the build made");
        }
        return value;
    }
}
