package io.resourcepool.core.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The launch helper's program ({@link LaunchHelper}): compiled from {@code src/main/c/pool-launch.c} when this module
 * is built on a machine with a C compiler, and carried in the jar for that machine's architecture. A root worker
 * writes it into a directory only root may write ({@link #DIRECTORY}, checked by {@link OwnDirectory}), named after
 * its content's digest, so that workers of different versions on one machine never replace each other's.
 */
final class LaunchHelperProgram {
    /** Where root workers keep the helper's program: {@code /run} is root's, and emptied at each boot. */
    static final Path DIRECTORY = Path.of("/run/resourcepool/launch");

    /**
     * Where a worker keeps the helper's program: {@link #DIRECTORY} for root; for another user its runtime directory
     * ({@code XDG_RUNTIME_DIR}, its own and emptied at logout) where it has one, else a directory of its own right in
     * the temporary directory: one level only, so that in a sticky {@code /tmp} no other user can rename or replace it
     * between the check and the start. Either is made 0700 and refused when it is not the user's alone
     * ({@link OwnDirectory}), so no other user can put a program there for the worker to run.
     *
     * @param uid the worker's uid
     * @param runtimeDirectory {@code XDG_RUNTIME_DIR}, if set
     * @param temporary the JVM's temporary directory
     * @return the directory
     */
    static Path directory(int uid, Optional<String> runtimeDirectory, Path temporary) {
        if (uid == 0) {
            return DIRECTORY;
        }
        return runtimeDirectory.filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, "resourcepool-launch"))
                .orElseGet(() -> temporary.resolve("resourcepool-launch-" + uid));
    }

    private LaunchHelperProgram() {
    }

    /**
     * The resource that holds the program for an architecture.
     *
     * @param osArch the JVM's {@code os.arch}
     * @return the resource's name, relative to this class
     */
    static String resource(String osArch) {
        String machine = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> osArch;
        };
        return "pool-launch-" + machine;
    }

    /**
     * Writes the program into the directory, unless a file of that content is there already.
     *
     * @param directory where to write it; made 0700 where missing
     * @return the program's path
     * @throws IOException when this jar holds no program for this machine, or the directory cannot be trusted or
     *     written
     */
    static Path install(Path directory) throws IOException {
        byte[] program;
        String name = resource(System.getProperty("os.arch"));
        try (InputStream in = LaunchHelperProgram.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("this build carries no launch helper for " + System.getProperty("os.arch")
                        + " (it is compiled where the build finds a C compiler)");
            }
            program = in.readAllBytes();
        }
        String problem = OwnDirectory.problem(directory).orElse(null);
        if (problem != null) {
            throw new IOException(problem);
        }
        Path target = directory.resolve("pool-launch-" + digest(program));
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && MessageDigest.isEqual(Files.readAllBytes(target), program)) {
            return target;
        }
        Path written = Files.createTempFile(directory, "pool-launch-", ".new", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            Files.write(written, program);
            return Files.move(written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(written);
        }
    }

    private static String digest(byte[] program) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(program), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }
}
