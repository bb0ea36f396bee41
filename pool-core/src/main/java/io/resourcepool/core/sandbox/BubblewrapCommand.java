package io.resourcepool.core.sandbox;

import io.resourcepool.api.spi.sandbox.DeviceNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code bwrap} options that contain one command: of the host only the system's programs, libraries and
 * {@code /etc} read-only (and the operator's extra read-only paths), the work directory as the only writable host
 * directory, a private {@code /tmp}, its own {@code /proc} and {@code /dev} (holding, of the host's devices, only the
 * nodes the job was given: its GPUs), and new user, PID, IPC and UTS
 * namespaces (and a network namespace unless the network is allowed). No environment: bwrap passes its own on.
 */
final class BubblewrapCommand {
    /** The system directories a program needs, bound read-only when they are directories, recreated when links. */
    static final List<Path> SYSTEM = List.of(Path.of("/usr"), Path.of("/bin"), Path.of("/sbin"), Path.of("/lib"), Path.of("/lib32"),
            Path.of("/lib64"), Path.of("/libx32"), Path.of("/etc"));
    private static final Path TMP = Path.of("/tmp");

    private BubblewrapCommand() {}

    /**
     * The options, to be followed by {@code --} and the command.
     *
     * @param view what of the host the container sees
     * @param workDirectory the real path of the work directory
     * @param startDirectory the real path of the directory the command starts in, the work directory or inside it
     * @param allowNetwork whether the command keeps the host's network
     * @param disableUserNamespaces whether bwrap can stop the command from making user namespaces of its own
     * @param devices the host's device nodes the command is given, bound into its {@code /dev}
     * @return the options
     */
    static List<String> options(HostView view, Path workDirectory, Path startDirectory, boolean allowNetwork, boolean disableUserNamespaces,
            List<DeviceNode> devices) {
        List<String> options = new ArrayList<>();
        SYSTEM.forEach(path -> system(path, options));
        view.readOnlyPaths().forEach(path -> options.addAll(List.of("--ro-bind-try", path.toString(), path.toString())));
        // a data directory inside a bound path (/etc/resourcepool, say) is covered by an empty tmpfs
        if (view.bound(view.workerDataDirectory())) {
            options.addAll(List.of("--perms", "0700", "--tmpfs", view.workerDataDirectory().toString()));
        }
        // sticky and world-writable like a real /tmp, so the job's user may use it
        options.addAll(List.of("--dev", "/dev", "--proc", "/proc", "--perms", "1777", "--tmpfs", "/tmp"));
        devices.forEach(device -> options.addAll(List.of("--dev-bind", device.hostPath().toString(), device.containerPath().toString())));
        parentsInsidePrivateTmp(workDirectory, options);
        options.addAll(List.of("--bind", workDirectory.toString(), workDirectory.toString(), "--chdir", startDirectory.toString(),
                "--unshare-user"));
        if (disableUserNamespaces) {
            options.add("--disable-userns");
        }
        options.addAll(List.of("--unshare-pid", "--unshare-ipc", "--unshare-uts", "--die-with-parent", "--new-session"));
        if (!allowNetwork) {
            options.add("--unshare-net");
        }
        return options;
    }

    /** A merged-/usr link ({@code /bin -> usr/bin}) is made again as a link; a real directory is bound read-only. */
    private static void system(Path path, List<String> options) {
        try {
            if (Files.isSymbolicLink(path)) {
                options.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), path.toString()));
            } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                options.addAll(List.of("--ro-bind", path.toString(), path.toString()));
            }
        } catch (IOException e) {
            // unreadable link: the container goes without it
        }
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
