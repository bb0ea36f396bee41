package io.resourcepool.launcher.bench;

import io.resourcepool.api.spi.sandbox.ExitStatus;
import io.resourcepool.api.spi.sandbox.Isolation;
import io.resourcepool.api.spi.sandbox.OutputSink;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.api.spi.sandbox.SandboxProcess;
import io.resourcepool.api.spi.sandbox.SandboxRequest;
import io.resourcepool.api.spi.sandbox.Termination;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * For {@code pool bench pool --hub-only} only: every command "exits 0" at once without a process, so the bench
 * measures the pool's own path (client, hub, store, worker and back) apart from process creation. It is not
 * registered as a provider, so no worker can be configured to use it.
 */
final class NoProcessSandbox implements Sandbox {
    private static final CompletableFuture<ExitStatus> EXITED = CompletableFuture.completedFuture(
            new ExitStatus(Termination.EXITED, 0, false, ""));

    @Override
    public Isolation isolation() {
        return new Isolation(Set.of(), "benchmark stub: runs nothing");
    }

    @Override
    public SandboxProcess start(SandboxRequest request, OutputSink output) {
        return new SandboxProcess() {
            @Override
            public CompletableFuture<ExitStatus> completion() {
                return EXITED;
            }

            @Override
            public void cancel() {
                // nothing runs, so nothing to stop
            }
        };
    }
}
