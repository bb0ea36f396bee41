package io.resourcepool.api.spi.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A command to run.
 *
 * @param command the program and its arguments, run without a shell
 * @param environment the only variables it gets
 * @param workDirectory its private work directory, which exists and is writable; a sandbox that contains the file
 *     system leaves this directory, and only this one, writable; a sandbox that runs the command under an identity
 *     of its own hands this directory, and everything in it, to that identity
 * @param startDirectory where it starts: the work directory or a directory inside it, which exists
 * @param limits its limits
 * @param network whether the command asked for the network: a sandbox that isolates the network gives it one only
 *     when this is set (and refuses the command when its operator forbids the network); one that does not isolate
 *     the network ignores it
 * @param image the container image to run the command in ({@link io.resourcepool.api.JobSpec#image()}), empty for
 *     none: a sandbox that runs images ({@code oci}) runs it there; every other sandbox refuses a request that names
 *     one, with a {@link io.resourcepool.api.SandboxException} that says so, rather than run it on the host
 * @param devices the host's device nodes the command is given (its GPUs), none for most commands: a sandbox with a
 *     {@code /dev} of its own shows these and no other host devices; one that shares the host's {@code /dev} has
 *     nothing to add
 */
public record SandboxRequest(List<String> command, Map<String, String> environment, Path workDirectory, Path startDirectory,
        SandboxLimits limits, boolean network, String image, List<DeviceNode> devices) {
    /** Checks the fields and copies the collections. */
    public SandboxRequest {
        command = List.copyOf(Objects.requireNonNull(command, "command must be given"));
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command must name a program");
        }
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment must be given"));
        Objects.requireNonNull(workDirectory, "workDirectory must be given");
        Objects.requireNonNull(startDirectory, "startDirectory must be given");
        if (!startDirectory.normalize().startsWith(workDirectory.normalize())) {
            throw new IllegalArgumentException("startDirectory " + startDirectory + " is not inside the work directory " + workDirectory);
        }
        Objects.requireNonNull(limits, "limits must be given");
        Objects.requireNonNull(image, "image must be given (empty for none)");
        devices = List.copyOf(Objects.requireNonNull(devices, "devices must be given (empty for none)"));
    }

    /**
     * A command given no device nodes.
     *
     * @param command the program and its arguments
     * @param environment the only variables it gets
     * @param workDirectory its work directory
     * @param startDirectory where it starts, inside the work directory
     * @param limits its limits
     * @param network whether it asked for the network
     * @param image the container image, empty for none
     */
    public SandboxRequest(List<String> command, Map<String, String> environment, Path workDirectory, Path startDirectory,
            SandboxLimits limits, boolean network, String image) {
        this(command, environment, workDirectory, startDirectory, limits, network, image, List.of());
    }

    /**
     * A command that names no container image.
     *
     * @param command the program and its arguments
     * @param environment the only variables it gets
     * @param workDirectory its work directory
     * @param startDirectory where it starts, inside the work directory
     * @param limits its limits
     * @param network whether it asked for the network
     */
    public SandboxRequest(List<String> command, Map<String, String> environment, Path workDirectory, Path startDirectory,
            SandboxLimits limits, boolean network) {
        this(command, environment, workDirectory, startDirectory, limits, network, "");
    }

    /**
     * A command that does not ask for the network.
     *
     * @param command the program and its arguments
     * @param environment the only variables it gets
     * @param workDirectory its work directory
     * @param startDirectory where it starts, inside the work directory
     * @param limits its limits
     */
    public SandboxRequest(List<String> command, Map<String, String> environment, Path workDirectory, Path startDirectory,
            SandboxLimits limits) {
        this(command, environment, workDirectory, startDirectory, limits, false);
    }

    /**
     * A command that starts in its work directory and does not ask for the network.
     *
     * @param command the program and its arguments
     * @param environment the only variables it gets
     * @param workDirectory its work directory, where it also starts
     * @param limits its limits
     */
    public SandboxRequest(List<String> command, Map<String, String> environment, Path workDirectory, SandboxLimits limits) {
        this(command, environment, workDirectory, workDirectory, limits);
    }
}
