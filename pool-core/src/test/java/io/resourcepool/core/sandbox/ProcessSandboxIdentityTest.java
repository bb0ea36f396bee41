package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resourcepool.api.spi.sandbox.Sandbox;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The process sandbox under a root worker: a uid per job is all that separates jobs from the worker and each other.
 * Jobs start through the launch helper here; {@link ProcessSandboxIdentityWithSetprivTest} runs the same through
 * {@code setpriv}, as where no helper can run.
 */
class ProcessSandboxIdentityTest extends SeparateIdentityContract {
    @Override
    protected Sandbox newSandbox() {
        assumeTrue(UnixAccounts.effectiveUid() == 0, "only a root worker gives jobs uids of their own: run the tests as root");
        return new ProcessSandbox();
    }

    @Test
    void theJobHoldsItsUidAndGidAloneWithNoGroupNoCapabilityAndNoWayBackUp() throws Exception {
        Run run = runIn(newWorkDirectory(), List.of("cat", "/proc/self/status"));

        Map<String, String> status = run.output().stdout().lines().filter(line -> line.contains(":\t"))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf(':')), line -> line.substring(line.indexOf(':') + 1).strip()));
        String[] uids = status.get("Uid").split("\\s+");
        assertThat(uids).hasSize(4).containsOnly(uids[0]).doesNotContain("0");
        assertThat(status.get("Gid").split("\\s+")).hasSize(4).containsOnly(uids[0]);
        assertThat(status.get("Groups")).isEmpty();
        for (String capabilities : List.of("CapInh", "CapPrm", "CapEff", "CapAmb")) {
            assertThat(status.get(capabilities)).as(capabilities).isEqualTo("0000000000000000");
        }
        assertThat(status.get("NoNewPrivs")).isEqualTo("1");
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
