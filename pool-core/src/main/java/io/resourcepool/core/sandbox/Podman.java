package io.resourcepool.core.sandbox;

import io.resourcepool.api.SandboxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The podman this worker runs, and how: its path, the {@code containers.conf} it writes in its data directory and
 * points podman to ({@code CONTAINERS_CONF}), podman's own small environment, the env-file that carries a job's
 * variables, and removing a container.
 *
 * <p>The configuration holds {@code default_ulimits = []}: podman's default ulimits would make runc raise
 * {@code RLIMIT_NOFILE} and {@code RLIMIT_NPROC}, which fails where the worker lacks {@code CAP_SYS_RESOURCE} (as in
 * many containers and CI machines); without them the job inherits the worker's.
 */
final class Podman {
    private static final Logger LOG = LoggerFactory.getLogger(Podman.class);
    /** Where Debian's podman package installs it. */
    static final Path DEFAULT = Path.of("/usr/bin/podman");
    /** bufio.Scanner's limit on one line of an env-file, which podman reads with it. */
    private static final int MAX_ENV_LINE_BYTES = 64 * 1024 - 1;
    private static final String CONFIG = "[containers]\n# written by the ResourcePool worker: no ulimits raised (it may lack CAP_SYS_RESOURCE)\n"
            + "default_ulimits = []\n";

    private final Path program;
    private final Path configFile;
    private volatile boolean configWritten;

    Podman(Path program, Path dataDirectory) {
        this.program = program;
        this.configFile = dataDirectory.resolve("oci").resolve("containers.conf");
    }

    Path program() {
        return program;
    }

    boolean installed() {
        return Files.isExecutable(program);
    }

    /**
     * Podman's own environment: a fixed {@code PATH} (where it finds conmon, runc and their helpers), its
     * configuration, and the worker's {@code HOME} and {@code XDG_RUNTIME_DIR}, which a podman that is not root needs.
     * Never a job's variable.
     */
    Map<String, String> environment() {
        writeConfig();
        Map<String, String> environment = new HashMap<>(Map.of("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "CONTAINERS_CONF", configFile.toString()));
        for (String inherited : List.of("HOME", "XDG_RUNTIME_DIR")) {
            String value = System.getenv(inherited);
            if (value != null) {
                environment.put(inherited, value);
            }
        }
        return environment;
    }

    /**
     * The env-file that gives a job its variables: one {@code NAME=VALUE} a line, read verbatim by podman.
     *
     * @param environment the job's variables
     * @param program the job's program, for the message
     * @return the file's bytes
     * @throws SandboxException when a value holds a line break or NUL, or a line is too long for podman
     */
    static byte[] envFile(Map<String, String> environment, String program) {
        StringBuilder file = new StringBuilder();
        new TreeMap<>(environment).forEach((name, value) -> {
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
                throw new SandboxException("cannot start '" + program + "': the oci sandbox passes variables in an env-file, and the value of "
                        + name + " holds a line break or NUL, which an env-file cannot carry");
            }
            String line = name + "=" + value;
            if (line.getBytes(StandardCharsets.UTF_8).length > MAX_ENV_LINE_BYTES) {
                throw new SandboxException("cannot start '" + program + "': the variable " + name + " is longer than the "
                        + MAX_ENV_LINE_BYTES + " bytes podman reads in one env-file line");
            }
            file.append(line).append('\n');
        });
        return file.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Kills and removes a container, if it exists; waits at most 30 seconds for podman.
     *
     * @param name the container's name
     * @return true when podman said it succeeded
     */
    boolean remove(String name) {
        ProcessBuilder builder = new ProcessBuilder(program.toString(), "rm", "--force", "--ignore", "--time", "0", name)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(environment());
        try {
            Process process = builder.start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                LOG.warn("podman rm of container {} did not end within 30 s", name);
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            LOG.warn("could not run podman rm for container {}: {}", name, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void writeConfig() {
        if (configWritten) {
            return;
        }
        try {
            Files.createDirectories(configFile.getParent());
            Path temporary = Files.createTempFile(configFile.getParent(), "containers", ".conf",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
            Files.writeString(temporary, CONFIG);
            Files.move(temporary, configFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            configWritten = true;
        } catch (IOException e) {
            throw new SandboxException("the oci sandbox cannot write podman's configuration " + configFile + ": " + e.getMessage(),
                    new UncheckedIOException(e));
        }
    }
}
