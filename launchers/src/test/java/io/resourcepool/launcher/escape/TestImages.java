package io.resourcepool.launcher.escape;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The container image the oci sandbox's tests make on this machine, which the escape suite's oci node runs. */
final class TestImages {
    /** Debian's static busybox with its applets, made by pool-core's {@code TestImage}. */
    static final String BUSYBOX = "localhost/resourcepool-test-busybox:1";
    private static final Path PODMAN = Path.of("/usr/bin/podman");

    private TestImages() {}

    /** Whether podman has the image here. */
    static boolean busyboxPresent() {
        if (!Files.isExecutable(PODMAN)) {
            return false;
        }
        try {
            Process process = new ProcessBuilder(PODMAN.toString(), "image", "exists", BUSYBOX).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
