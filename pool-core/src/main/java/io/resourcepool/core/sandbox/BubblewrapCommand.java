package io.resourcepool.core.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code bwrap} options that contain one command: a read-only view of the whole system, the work directory
 * as the only writable host directory, a private {@code /tmp}, {@code /proc} and {@code /dev}, and new PID, IPC
 * and UTS namespaces (and a network namespace unless the network is allowed).
 */
final class BubblewrapCommand {
    private static final Path TMP = Path.of("/tmp");

    private BubblewrapCommand() {}

    /**
     * The options, to be followed by {@code --} and the command.
     *
     * @param workDirectory the real path of the work directory
     * @param startDirectory the real path of the directory the command starts in, the work directory or inside it
     * @param environment the whole environment the command gets
     * @param allowNetwork whether the command keeps the host's network
     * @return the options
     */
    static List<String> options(Path workDirectory, Path startDirectory, Map<String, String> environment, boolean allowNetwork) {
        List<String> options = new ArrayList<>(List.of("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
                // sticky and world-writable like a real /tmp, so the job's user may use it
                "--perms", "1777", "--tmpfs", "/tmp"));
        parentsInsidePrivateTmp(workDirectory, options);
        options.addAll(List.of("--bind", workDirectory.toString(), workDirectory.toString(), "--chdir", startDirectory.toString(),
                "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--die-with-parent", "--new-session"));
        if (!allowNetwork) {
            options.add("--unshare-net");
        }
        options.add("--clearenv");
        // sorted, so that the command line is the same for the same request
        new TreeMap<>(environment).forEach((name, value) -> options.addAll(List.of("--setenv", name, value)));
        return options;
    }

    /**
     * A work directory below {@code /tmp} sits in the private tmpfs, where bwrap would make its parents
     * accessible to root only; they are made traversable so that the job's user can reach its work directory by
     * its absolute path.
     */
    private static void parentsInsidePrivateTmp(Path workDirectory, List<String> options) {
        if (!workDirectory.startsWith(TMP) || workDirectory.equals(TMP)) {
            return;
        }
        for (Path parent = TMP.resolve(TMP.relativize(workDirectory).getName(0)); !parent.equals(workDirectory);
                parent = parent.resolve(workDirectory.getName(parent.getNameCount()))) {
            options.addAll(List.of("--perms", "0755", "--dir", parent.toString()));
        }
    }
}
