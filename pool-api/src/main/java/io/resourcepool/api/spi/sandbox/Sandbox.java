package io.resourcepool.api.spi.sandbox;

/**
 * Runs commands under limits.
 *
 * <p>Implementations must: never run a command as root (a worker started as root drops to an unprivileged
 * user); pass on only the environment given; enforce the wall-time limit and output cap themselves; kill the
 * whole process tree on timeout and cancel; and report in {@link #isolation()} only protections they really
 * give.
 */
public interface Sandbox {
    /**
     * What this sandbox really does to contain a command.
     *
     * @return the isolation given
     */
    Isolation isolation();

    /**
     * Starts a command. Output goes to {@code output} as it comes.
     *
     * @param request what to run
     * @param output where output goes
     * @return the running command
     * @throws io.resourcepool.api.SandboxException when it cannot be started at all
     */
    SandboxProcess start(SandboxRequest request, OutputSink output);
}
