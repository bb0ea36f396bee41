package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What tests of the launch helper need: root, and the helper, which must run wherever this build carries it. */
final class LaunchHelperTesting {
    private LaunchHelperTesting() {
    }

    /** The JVM's launch helper; skips where this build carries none (built without a C compiler), fails where it cannot run. */
    static LaunchHelpers requireHelper() {
        assumeTrue(UnixAccounts.effectiveUid() == 0, "only a root worker starts jobs through the launch helper: run the tests as root");
        boolean carried = LaunchHelperProgram.class.getResource(LaunchHelperProgram.resource(System.getProperty("os.arch"))) != null;
        assumeTrue(carried, "this build carries no launch helper: it was built without a C compiler and the static C library"
                + " (Debian: apt-get install gcc libc6-dev)");
        assertThat(LaunchHelpers.shared()).as("the launch helper this build carries must run: %s", LaunchHelpers.problem()).isPresent();
        return LaunchHelpers.shared().orElseThrow();
    }
}
