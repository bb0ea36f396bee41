package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.resourcepool.api.spi.sandbox.Sandbox;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bubblewrap: besides a uid of its own under a root worker, a job sees only the system of the host. */
class BubblewrapSandboxIdentityTest extends SeparateIdentityContract {
    @Override
    protected Sandbox newSandbox() {
        assumeTrue(Files.isExecutable(BubblewrapSandbox.BWRAP), BubblewrapSandboxTest.NOT_INSTALLED);
        assumeTrue(UnixAccounts.effectiveUid() == 0, "only a root worker gives jobs uids of their own: run the tests as root");
        return new BubblewrapSandbox(HostView.of(data), false);
    }

    @Test
    void aJobSeesNeitherHomeNorTheWorkersDataDirectory() throws Exception {
        Run run = runIn(newWorkDirectory(), List.of("sh", "-c", "for p in /home /root /var /srv /run /opt " + key.getParent() + " " + key
                + "; do test -e $p && echo visible $p; done; ls -A " + data + "; ls /"));

        assertThat(run.output().stdout()).doesNotContain("visible");
        // of the data directory only the way to the work directory exists, made by bwrap, empty but for it
        assertThat(run.output().stdout().lines().toList()).doesNotContain("tls").startsWith("jobs");
        assertThat(run.output().stdout().lines().toList()).doesNotContain("home", "root", "var", "work", "srv").contains("usr", "etc", "tmp");
    }

    @Test
    void theJobCannotMakeAUserNamespaceOfItsOwn() throws Exception {
        assumeTrue(BubblewrapVersion.supports(BubblewrapSandbox.BWRAP, "--disable-userns"), "bwrap older than 0.8 has no --disable-userns");

        Run run = runIn(newWorkDirectory(), List.of("unshare", "--user", "true"));

        assertThat(run.status().exitCode()).isNotZero();
    }
}
