package io.resourcepool.core.sandbox;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resourcepool.api.spi.sandbox.Sandbox;

/** The process sandbox's identity under a root worker where no launch helper runs: each job starts through setpriv. */
class ProcessSandboxIdentityWithSetprivTest extends ProcessSandboxIdentityTest {
    @Override
    protected Sandbox newSandbox() {
        assumeTrue(UnixAccounts.effectiveUid() == 0, "only a root worker gives jobs uids of their own: run the tests as root");
        return new ProcessSandbox(JobUidRange.DEFAULT_RANGE, KernelLimits.PRLIMIT, JobLimitSettings.DEFAULT, false);
    }
}
