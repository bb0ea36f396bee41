package io.resourcepool.launcher.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where one user's agent listens: {@code $XDG_RUNTIME_DIR/resourcepool/agent.sock} where the session has a runtime
 * directory (private to the user, emptied at logout), else {@code ~/.config/resourcepool/run/agent.sock}. The
 * directory is the agent's own, mode 0700; the socket is 0600.
 */
public final class AgentSocket {
    private static final String NAME = "agent.sock";

    private AgentSocket() {}

    /**
     * The directory of this user's agent.
     *
     * @return the directory, which may not exist
     */
    public static Path directory() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isEmpty() && Path.of(runtime).isAbsolute()) {
            return Path.of(runtime, "resourcepool");
        }
        return Path.of(System.getProperty("user.home"), ".config", "resourcepool", "run");
    }

    /**
     * The socket in a directory.
     *
     * @param directory the agent's directory
     * @return its socket
     */
    public static Path in(Path directory) {
        return directory.resolve(NAME);
    }

    /**
     * Makes the agent's directory private: created with mode 0700, or set to it when it exists, which only its owner
     * can do; an agent never listens in a directory that is someone else's.
     *
     * @param directory the agent's directory
     * @throws IOException when it cannot be made, or is not the user's own
     */
    public static void prepare(Path directory) throws IOException {
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rwx------");
        Files.createDirectories(directory.toAbsolutePath().getParent());
        if (!Files.isDirectory(directory)) {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(ownerOnly));
        }
        Files.setPosixFilePermissions(directory, ownerOnly);
    }
}
