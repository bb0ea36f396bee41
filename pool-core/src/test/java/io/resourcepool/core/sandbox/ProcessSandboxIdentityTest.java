package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resourcepool.api.spi.sandbox.Sandbox;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The process sandbox under a root worker: a uid per job is all that separates jobs from the worker and each other. */
class ProcessSandboxIdentityTest extends SeparateIdentityContract {
    @Override
    protected Sandbox newSandbox() {
        assumeTrue(UnixAccounts.effectiveUid() == 0, "only a root worker gives jobs uids of their own: run the tests as root");
        return new ProcessSandbox();
    }

    @Test
    void theJobsTemporaryDirectoryIsPrivateToIt() throws Exception {
        Run run = runIn(newWorkDirectory(), List.of("sh", "-c", "echo \"$TMPDIR\"; stat -c %a \"$TMPDIR\""));

        assertThat(run.output().stdout().lines().toList()).hasSize(2).last().isEqualTo("700");
        assertThat(run.output().stdout()).contains("/.tmp");
    }

    @Test
    void theLoadersVariablesReachTheJobButNeverSetpriv() throws Exception {
        var environment = environment();
        environment.put("LD_PRELOAD", "/nonexistent/inject.so");
        environment.put("TZDIR", "/nonexistent/zones");

        Run run = run(new io.resourcepool.api.spi.sandbox.SandboxRequest(List.of("sh", "-c", "echo \"$TZDIR\""), environment, newWorkDirectory(), limits()));

        assertThat(run.output().stdout()).isEqualTo("/nonexistent/zones\n");
        // the dynamic loader complains once for every program started with an unloadable LD_PRELOAD: only sh is,
        // neither setpriv (still root) nor env, which gets it as an argument
        assertThat(run.output().stderr().split("LD_PRELOAD", -1)).hasSize(2);
    }
}
