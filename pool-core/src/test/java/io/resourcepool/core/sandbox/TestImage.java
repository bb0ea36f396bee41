package io.resourcepool.core.sandbox;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A container image the oci tests run in, made on this machine (no registry is reachable from CI): Debian's static
 * busybox and a link for each of its applets in {@code /bin}, {@code tar}'d and {@code podman import}ed once per
 * machine as {@value #NAME}. Tests skip, saying what to install, when podman, runc or busybox-static is missing.
 */
final class TestImage {
    static final String NAME = "localhost/resourcepool-test-busybox:1";
    static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final String MISSING = "the oci sandbox tests need podman, runc and a static busybox:"
            + " apt-get install podman runc busybox-static";
    private static boolean ready;

    private TestImage() {}

    /**
     * Skips the test when the tools are missing; makes the image the first time.
     *
     * @param podmanData a directory for podman's configuration
     */
    static synchronized void ensure(Path podmanData) {
        assumeTrue(Files.isExecutable(Podman.DEFAULT), MISSING + " (no " + Podman.DEFAULT + ")");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/runc")) || Files.isExecutable(Path.of("/usr/sbin/runc")), MISSING + " (no runc)");
        assumeTrue(isStatic(BUSYBOX), MISSING + " (" + BUSYBOX + " is missing or not statically linked)");
        if (ready) {
            return;
        }
        Map<String, String> environment = new Podman(Podman.DEFAULT, podmanData).environment();
        if (run(environment, List.of(Podman.DEFAULT.toString(), "image", "exists", NAME)).exitCode() != 0) {
            build(environment, podmanData);
        }
        ready = true;
    }

    private static void build(Map<String, String> environment, Path scratch) {
        try {
            Path root = Files.createDirectories(scratch.resolve("rootfs"));
            Path bin = Files.createDirectories(root.resolve("bin"));
            for (String directory : List.of("tmp", "proc", "dev", "sys", "etc", "usr/bin")) {
                Files.createDirectories(root.resolve(directory));
            }
            Files.copy(BUSYBOX, bin.resolve("busybox"));
            for (String applet : run(environment, List.of(BUSYBOX.toString(), "--list")).output().lines().toList()) {
                if (!applet.isBlank() && !applet.equals("busybox")) {
                    Files.createSymbolicLink(bin.resolve(applet.strip()), Path.of("busybox"));
                }
            }
            // as in every image: a /tmp any user may write to, which podman copies onto the container's tmpfs
            check(run(environment, List.of("chmod", "1777", root.resolve("tmp").toString())), "chmod");
            Path tar = scratch.resolve("image.tar");
            check(run(environment, List.of("tar", "-C", root.toString(), "-cf", tar.toString(), ".")), "tar");
            check(run(environment, List.of(Podman.DEFAULT.toString(), "import", tar.toString(), NAME)), "podman import");
        } catch (IOException e) {
            throw new IllegalStateException("cannot make the test image: " + e.getMessage(), e);
        }
    }

    private static boolean isStatic(Path program) {
        try {
            byte[] head = Files.readAllBytes(program);
            return !new String(head, 0, Math.min(head.length, 8192), StandardCharsets.ISO_8859_1).contains("ld-linux");
        } catch (IOException e) {
            return false;
        }
    }

    record Result(int exitCode, String output) {}

    static Result run(Map<String, String> environment, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not end within 120 s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void check(Result result, String what) {
        if (result.exitCode() != 0) {
            throw new IllegalStateException(what + " failed (" + result.exitCode() + "): " + result.output());
        }
    }
}
