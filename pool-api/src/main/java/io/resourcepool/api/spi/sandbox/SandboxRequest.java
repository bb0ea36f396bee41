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
 * @param workDirectory its working directory, which exists and is writable
 * @param limits its limits
 */
public record SandboxRequest(List<String> command, Map<String, String> environment, Path workDirectory, SandboxLimits limits) {
    /** Checks the fields and copies the collections. */
    public SandboxRequest {
        command = List.copyOf(Objects.requireNonNull(command, "command must be given"));
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command must name a program");
        }
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment must be given"));
        Objects.requireNonNull(workDirectory, "workDirectory must be given");
        Objects.requireNonNull(limits, "limits must be given");
    }
}
