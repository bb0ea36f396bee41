package io.resourcepool.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A small file system made for a test: a tmpfs of a given size mounted on a directory (root only), and a ballast
 * file that fills it to the byte. Unmounted on close.
 */
final class SmallDisk implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;

    final Path mountPoint;
    private final Path ballast;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.ballast = mountPoint.resolve("ballast");
    }

    /**
     * Mounts a tmpfs of this size on the directory, or says why it cannot.
     *
     * @return the disk, or the reason it could not be made
     */
    static Result mount(Path mountPoint, String size) throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return new Result(Optional.empty(), "mounting a tmpfs needs root, and this runs as " + System.getProperty("user.name"));
        }
        Files.createDirectories(mountPoint);
        String output = run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", mountPoint.toString());
        return output.isEmpty() ? new Result(Optional.of(new SmallDisk(mountPoint)), "")
                : new Result(Optional.empty(), "mount -t tmpfs was refused (a container without CAP_SYS_ADMIN?): " + output);
    }

    /** A disk, or why there is none. */
    record Result(Optional<SmallDisk> disk, String whyNot) {}

    long free() throws IOException {
        return Files.getFileStore(mountPoint).getUsableSpace();
    }

    long total() throws IOException {
        return Files.getFileStore(mountPoint).getTotalSpace();
    }

    /** Grows the ballast until about this much room is left. */
    void leave(long bytes) throws IOException {
        long toWrite = free() - bytes;
        try (OutputStream out = Files.newOutputStream(ballast, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            byte[] chunk = new byte[CHUNK];
            for (long written = 0; written < toWrite; written += CHUNK) {
                out.write(chunk, 0, (int) Math.min(CHUNK, toWrite - written));
            }
        }
    }

    /** Grows the ballast until the file system refuses another byte. */
    void fill() throws IOException {
        for (int size = CHUNK; size > 0; size /= 2) {
            byte[] chunk = new byte[size];
            try (OutputStream out = Files.newOutputStream(ballast, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                while (true) {
                    out.write(chunk);
                    out.flush();
                }
            } catch (IOException full) {
                // no room for this size: try a smaller one, down to a byte
            }
        }
    }

    /** Frees the space the ballast took. */
    void removeBallast() throws IOException {
        Files.deleteIfExists(ballast);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String output = run("umount", mountPoint.toString());
        if (!output.isEmpty()) {
            run("umount", "-l", mountPoint.toString());
        }
    }

    /** Runs a command; its output when it failed, empty when it succeeded. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return String.join(" ", command) + " did not finish in 30 s";
        }
        return process.exitValue() == 0 ? "" : String.join(" ", command) + " exited " + process.exitValue() + ": " + output;
    }
}
