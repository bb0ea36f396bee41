package io.resourcepool.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What to run and under which limits. Make one with {@link #of(List)} and adjust it with the
 * {@code with…} methods; each returns a new spec.
 *
 * @param command the program and its arguments, run without a shell; at least one element
 * @param target where it may run
 * @param resources what it claims while it runs
 * @param timeout wall-clock limit; {@link Duration#ZERO} means the hub's default
 * @param environment variables given to the command, and only these (the worker's own are never passed on)
 * @param retries how many more attempts after a lost one, 0 by default
 * @param outputCapBytes how much output is streamed and kept before the rest is cut with a marker
 * @param workingDirectory where the command starts, relative to the job's private work directory, which the worker
 *     makes fresh for every attempt: empty for that directory itself, otherwise names separated by {@code /}, none
 *     of them {@code .} or {@code ..}, never absolute. The worker creates it before the command starts.
 * @param network whether the command may use the network: a sandbox that isolates the network (bubblewrap) gives
 *     a job none unless this is set, and refuses the job when its operator forbids the network
 * @param image the container image the command runs in, empty for none: a reference such as
 *     {@code docker.io/library/debian:12}, {@code localhost/tools:1} or {@code name@sha256:HEX}, at most
 *     {@value #MAX_IMAGE_CHARS} characters. Only a worker whose sandbox runs images ({@code oci}) runs such a job;
 *     another refuses it, saying why
 */
public record JobSpec(
        List<String> command,
        NodeSelector target,
        ResourceRequest resources,
        Duration timeout,
        Map<String, String> environment,
        int retries,
        long outputCapBytes,
        String workingDirectory,
        boolean network,
        String image) {

    /** Output kept by default: 16 MiB. */
    public static final long DEFAULT_OUTPUT_CAP_BYTES = 16L << 20;
    /** At most this many arguments. */
    public static final int MAX_ARGUMENTS = 4096;
    /** At most this many characters in one argument or environment value. */
    public static final int MAX_ARGUMENT_CHARS = 32 * 1024;
    /** At most this many characters in the working directory. */
    public static final int MAX_WORKING_DIRECTORY_CHARS = 1024;

    /** At most this many characters in an image reference. */
    public static final int MAX_IMAGE_CHARS = 512;

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    /** Checks every field and copies the collections. */
    public JobSpec {
        command = List.copyOf(Checks.present(command, "command"));
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command must name a program to run");
        }
        if (command.size() > MAX_ARGUMENTS) {
            throw new IllegalArgumentException("command has " + command.size() + " arguments; at most " + MAX_ARGUMENTS + " are allowed");
        }
        command.forEach(arg -> Checks.text(arg, "command argument", MAX_ARGUMENT_CHARS));
        Checks.nonBlank(command.get(0), "command program", MAX_ARGUMENT_CHARS);
        Checks.present(target, "target");
        Checks.present(resources, "resources");
        Checks.nonNegative(timeout, "timeout");
        environment = Map.copyOf(Checks.present(environment, "environment"));
        environment.forEach((name, value) -> {
            if (!ENV_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("environment name '" + name + "' is not valid: use letters, digits and _");
            }
            Checks.text(value, "environment value of " + name, MAX_ARGUMENT_CHARS);
        });
        Checks.nonNegative(retries, "retries");
        if (outputCapBytes <= 0) {
            throw new IllegalArgumentException("outputCapBytes must be positive, was " + outputCapBytes);
        }
        checkWorkingDirectory(workingDirectory);
        ImageReference.check(image, MAX_IMAGE_CHARS);
    }

    /**
     * A spec without a container image.
     *
     * @param command the program and its arguments
     * @param target where it may run
     * @param resources what it claims
     * @param timeout wall-clock limit, zero for the hub's default
     * @param environment the only variables it gets
     * @param retries more attempts after a lost one
     * @param outputCapBytes output kept
     * @param workingDirectory where it starts, relative to its work directory
     * @param network whether it may use the network
     */
    public JobSpec(List<String> command, NodeSelector target, ResourceRequest resources, Duration timeout, Map<String, String> environment,
            int retries, long outputCapBytes, String workingDirectory, boolean network) {
        this(command, target, resources, timeout, environment, retries, outputCapBytes, workingDirectory, network, "");
    }

    private static void checkWorkingDirectory(String directory) {
        Checks.text(directory, "workingDirectory", MAX_WORKING_DIRECTORY_CHARS);
        if (directory.isEmpty()) {
            return;
        }
        if (directory.startsWith("/")) {
            throw new IllegalArgumentException("workingDirectory '" + directory + "' must be relative to the job's work directory, not absolute");
        }
        for (String name : directory.split("/", -1)) {
            if (name.isEmpty() || name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("workingDirectory '" + directory
                        + "' must be names separated by single '/', none of them '.' or '..', and must stay inside the job's work directory");
            }
            if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("workingDirectory must not contain control characters");
            }
        }
    }

    /**
     * A spec for this command with every other field at its default: any node, no resource claim, the hub's
     * default timeout, an empty environment, no retries, 16 MiB of output, started in the job's work directory, no network, no container image.
     *
     * @param command the program and its arguments
     * @return the spec
     */
    public static JobSpec of(List<String> command) {
        return new JobSpec(command, NodeSelector.ANY, ResourceRequest.NONE, Duration.ZERO, Map.of(), 0, DEFAULT_OUTPUT_CAP_BYTES, "", false);
    }

    /**
     * A spec for this command.
     *
     * @param program the program
     * @param arguments its arguments
     * @return the spec
     */
    public static JobSpec of(String program, String... arguments) {
        var all = new java.util.ArrayList<String>(arguments.length + 1);
        all.add(program);
        all.addAll(List.of(arguments));
        return of(all);
    }

    /**
     * This spec, to run where {@code newTarget} says.
     *
     * @param newTarget where it may run
     * @return the new spec
     */
    public JobSpec withTarget(NodeSelector newTarget) {
        return new JobSpec(command, newTarget, resources, timeout, environment, retries, outputCapBytes, workingDirectory, network, image);
    }

    /**
     * This spec, with a timeout.
     *
     * @param newTimeout the wall-clock limit
     * @return the new spec
     */
    public JobSpec withTimeout(Duration newTimeout) {
        return new JobSpec(command, target, resources, newTimeout, environment, retries, outputCapBytes, workingDirectory, network, image);
    }

    /**
     * This spec, claiming resources.
     *
     * @param newResources what it claims
     * @return the new spec
     */
    public JobSpec withResources(ResourceRequest newResources) {
        return new JobSpec(command, target, newResources, timeout, environment, retries, outputCapBytes, workingDirectory, network, image);
    }

    /**
     * This spec, with an environment.
     *
     * @param newEnvironment the variables
     * @return the new spec
     */
    public JobSpec withEnvironment(Map<String, String> newEnvironment) {
        return new JobSpec(command, target, resources, timeout, newEnvironment, retries, outputCapBytes, workingDirectory, network, image);
    }

    /**
     * This spec, with retries.
     *
     * @param newRetries how many more attempts after a lost one
     * @return the new spec
     */
    public JobSpec withRetries(int newRetries) {
        return new JobSpec(command, target, resources, timeout, environment, newRetries, outputCapBytes, workingDirectory, network, image);
    }

    /**
     * This spec, with an output cap.
     *
     * @param newCapBytes how much output is kept
     * @return the new spec
     */
    public JobSpec withOutputCap(long newCapBytes) {
        return new JobSpec(command, target, resources, timeout, environment, retries, newCapBytes, workingDirectory, network, image);
    }

    /**
     * This spec, starting in another directory.
     *
     * @param newWorkingDirectory relative to the job's work directory, empty for that directory itself
     * @return the new spec
     */
    public JobSpec withWorkingDirectory(String newWorkingDirectory) {
        return new JobSpec(command, target, resources, timeout, environment, retries, outputCapBytes, newWorkingDirectory, network, image);
    }

    /**
     * This spec, with or without the network.
     *
     * @param newNetwork whether the command may use the network
     * @return the new spec
     */
    public JobSpec withNetwork(boolean newNetwork) {
        return new JobSpec(command, target, resources, timeout, environment, retries, outputCapBytes, workingDirectory, newNetwork, image);
    }

    /**
     * This spec, run in a container image.
     *
     * @param newImage an image reference such as {@code localhost/tools:1}, empty for none
     * @return the new spec
     */
    public JobSpec withImage(String newImage) {
        return new JobSpec(command, target, resources, timeout, environment, retries, outputCapBytes, workingDirectory, network, newImage);
    }

    /**
     * The environment's values are the caller's; the rendering leaves them out.
     *
     * @return a summary without environment values
     */
    @Override
    public String toString() {
        return "JobSpec[command=" + command + ", target=" + target + ", resources=" + resources + ", timeout=" + timeout
                + ", environment=" + environment.keySet() + ", retries=" + retries + ", outputCapBytes=" + outputCapBytes
                + ", workingDirectory=" + workingDirectory + ", network=" + network + ", image=" + image + "]";
    }
}
