package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.resourcepool.api.spi.sandbox.IsolationFeature;
import io.resourcepool.api.spi.sandbox.Sandbox;
import io.resourcepool.testkit.sandbox.SandboxContract;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The whole contract on the fallback: no per-job cgroups, limits by prlimit only, the tree found by parent links. */
class ProcessSandboxWithoutCgroupsTest extends SandboxContract {
    @Override
    protected Sandbox newSandbox() {
        return new ProcessSandbox(JobUidRange.DEFAULT_RANGE, new JobLimitSettings(Optional.empty(), 0));
    }

    @Test
    void theFallbackClaimsNoCgroupFeatureAndSaysWhatItCannotDo() {
        assertThat(sandbox.isolation().features()).doesNotContain(IsolationFeature.CPU_SHARE);
        // a root worker's jobs have uids of their own, and every process of that uid is killed: no cgroup needed
        assertThat(sandbox.isolation().features().contains(IsolationFeature.WHOLE_TREE_KILL)).isEqualTo(UnixAccounts.effectiveUid() == 0);
        assertThat(sandbox.isolation().description())
                .contains("no per-job cgroups (turned off by configuration)")
                .contains("a daemon that left the job's process tree is not found");
    }
}
