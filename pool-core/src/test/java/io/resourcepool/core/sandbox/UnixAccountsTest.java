package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UnixAccountsTest {
    @Test
    void listedIdsHoldRootAndEveryUserOfThePasswordFile() throws Exception {
        assumeTrue(Files.readString(Path.of("/etc/passwd")).contains("\nnobody:x:65534:65534:"), "a Debian-style nobody");

        assertThat(UnixAccounts.listedIds()).contains(0, 65534);
    }

    @Test
    void effectiveUidMatchesTheUserName() {
        int uid = UnixAccounts.effectiveUid();

        assertThat(uid == 0).isEqualTo("root".equals(System.getProperty("user.name")));
    }
}
