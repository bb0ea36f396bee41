package io.resourcepool.api.spi.sandbox;

import java.util.concurrent.CompletableFuture;

/** A command started by a sandbox. */
public interface SandboxProcess {
    /**
     * Completes when the command and every process it started have ended and all output was delivered.
     *
     * @return the future exit status; it never completes exceptionally
     */
    CompletableFuture<ExitStatus> completion();

    /** Kills the command's whole process tree. Idempotent; the status then says CANCELLED. */
    void cancel();
}
