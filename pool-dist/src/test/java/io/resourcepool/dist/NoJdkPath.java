package io.resourcepool.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@code PATH} with every program of the system's {@code bin} directories except a JDK's: a directory of links to
 * them that leaves out {@code java}, {@code javac} and whatever else resolves into {@code /usr/lib/jvm}. It stands
 * for a machine on which no JDK was ever installed, on a machine that has several.
 */
final class NoJdkPath {
    private static final List<Path> SYSTEM_BINS = List.of(Path.of("/usr/local/bin"), Path.of("/usr/bin"), Path.of("/bin"),
            Path.of("/usr/sbin"), Path.of("/sbin"));

    private NoJdkPath() {}

    /**
     * Makes the directory.
     *
     * @param directory where (created)
     * @return the {@code PATH} value
     */
    static String in(Path directory) {
        try {
            Files.createDirectories(directory);
            for (Path bin : SYSTEM_BINS) {
                if (Files.isDirectory(bin)) {
                    try (Stream<Path> programs = Files.list(bin)) {
                        for (Path program : programs.toList()) {
                            link(directory, program);
                        }
                    }
                }
            }
            return directory.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a PATH without a JDK in " + directory, e);
        }
    }

    private static void link(Path directory, Path program) throws IOException {
        Path link = directory.resolve(program.getFileName().toString());
        if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS) || !Files.exists(program)) {
            return;
        }
        String name = program.getFileName().toString();
        if (name.equals("java") || name.equals("javac") || program.toRealPath().toString().contains("/jvm/")) {
            return;
        }
        Files.createSymbolicLink(link, program);
    }
}
