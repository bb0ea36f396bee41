package io.resourcepool.core.sandbox;

import io.resourcepool.api.SandboxException;
import io.resourcepool.api.spi.sandbox.DeviceNode;
import io.resourcepool.api.spi.sandbox.SandboxLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code podman run} command line of one job. It holds no environment value: those reach podman on its
 * standard input as an env-file ({@code --env-file /dev/stdin}), so that no user of the host can read them in
 * {@code /proc/PID/cmdline}, and none reaches podman's own environment, where a root podman would obey
 * {@code LD_PRELOAD}, {@code PATH} and their kin.
 *
 * @param name the container's name, chosen by the sandbox and unguessable
 * @param image the image reference, already checked by the job spec
 * @param user {@code uid:gid} the command runs as inside the container
 * @param workDirectory the job's work directory (its real path), mounted read-write at the same path
 * @param startDirectory where the command starts, inside the work directory (its real path)
 * @param network whether the job keeps the host's network; without it the container has only a loopback
 * @param pull podman's pull policy: {@code never}, {@code missing} or {@code always}
 * @param devices the host's device nodes the job is given (its GPUs), passed with {@code --device}; no other host device
 *     is in the container
 */
record OciCommand(String name, String image, String user, Path workDirectory, Path startDirectory, boolean network, String pull,
        List<DeviceNode> devices) {
    /** The options every job's container gets; the comments of {@link OciSandbox} say why. */
    private static final List<String> FIXED = List.of("run", "--rm", "--runtime", "runc", "--read-only", "--tmpfs", "/tmp:rw,nosuid,nodev",
            "--cap-drop=all", "--security-opt", "no-new-privileges", "--log-driver", "none", "--unsetenv-all", "--env-file", "/dev/stdin");

    OciCommand {
        devices = List.copyOf(devices);
        for (DeviceNode device : devices) {
            if (device.hostPath().toString().contains(":") || device.hostPath().toString().contains(",")) {
                throw new SandboxException("the oci sandbox cannot pass the device " + device.hostPath() + ": its path contains ':' or ','");
            }
        }
        for (Path directory : List.of(workDirectory, startDirectory)) {
            // --volume splits at ':' and ',': such a path would mount something else than the job's directory
            if (directory.toString().contains(":") || directory.toString().contains(",")) {
                throw new SandboxException("the oci sandbox cannot mount " + directory + ": a work directory must not contain ':' or ','");
            }
        }
    }

    /**
     * The full command line.
     *
     * @param podman podman's path
     * @param limits the job's limits, under the worker's ceilings
     * @param command the program and its arguments, run in the image
     * @return the command line
     */
    List<String> line(Path podman, SandboxLimits limits, List<String> command) {
        List<String> line = new ArrayList<>(cpuTimePrefix(limits));
        line.add(podman.toString());
        line.addAll(FIXED);
        line.addAll(List.of("--pull", pull, "--name", name, "--user", user, "--network", network ? "host" : "none",
                "--volume", workDirectory + ":" + workDirectory + ":rw", "--workdir", startDirectory.toString()));
        devices.forEach(device -> line.addAll(List.of("--device", device.hostPath() + ":" + device.containerPath() + ":rw")));
        line.addAll(limitOptions(limits));
        // the image ends podman's options: what follows is the job's command, never read as an option
        line.add(image);
        line.addAll(command);
        return line;
    }

    /**
     * The CPU-time limit is set on podman itself, by util-linux {@code prlimit}, and reaches the container through
     * conmon and runc, which inherit it: {@code --ulimit} would make runc set every rlimit, and it may not raise
     * {@code RLIMIT_NOFILE} or {@code RLIMIT_NPROC} where the worker lacks {@code CAP_SYS_RESOURCE}. A soft limit
     * below the hard one, as {@link KernelLimits} sets: SIGXCPU first, SIGKILL a second later (the container's first
     * process ignores SIGXCPU, being its namespace's init).
     */
    private static List<String> cpuTimePrefix(SandboxLimits limits) {
        if (limits.cpuTime().isZero()) {
            return List.of();
        }
        Path prlimit = KernelLimits.PRLIMIT.stream().filter(java.nio.file.Files::isExecutable).findFirst()
                .orElseThrow(() -> new SandboxException("the job asks for a CPU-time limit, and prlimit was not found in " + KernelLimits.PRLIMIT
                        + "; install util-linux (Debian: apt-get install util-linux)"));
        long seconds = KernelLimits.cpuSeconds(limits.cpuTime());
        return List.of(prlimit.toString(), "--cpu=" + seconds + ":" + (seconds + 1), "--");
    }

    static List<String> limitOptions(SandboxLimits limits) {
        List<String> options = new ArrayList<>();
        if (limits.memoryBytes() > 0) {
            // swap included, as with a per-job cgroup: the limit is the memory the job may hold, in total
            options.addAll(List.of("--memory", Long.toString(limits.memoryBytes()), "--memory-swap", Long.toString(limits.memoryBytes())));
        }
        if (limits.cpus() > 0) {
            options.addAll(List.of("--cpus", Integer.toString(limits.cpus())));
        }
        if (limits.processes() > 0) {
            options.addAll(List.of("--pids-limit", Integer.toString(limits.processes())));
        }
        return options;
    }
}
