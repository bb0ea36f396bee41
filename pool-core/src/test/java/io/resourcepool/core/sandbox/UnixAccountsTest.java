package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UnixAccountsTest {
    @Test
    void userNameIsLookedUpInThePasswordFile() throws Exception {
        assumeTrue(Files.readString(Path.of("/etc/passwd")).contains("\nnobody:x:65534:65534:"), "a Debian-style nobody");

        assertThat(UnixAccounts.find("nobody")).contains(new UnixAccounts.Account("nobody", 65534, 65534));
        assertThat(UnixAccounts.find("65534")).contains(new UnixAccounts.Account("nobody", 65534, 65534));
    }

    @Test
    void numericUserAndGroupNeedNoEntry() {
        assertThat(UnixAccounts.find("4242:4343")).contains(new UnixAccounts.Account("4242:4343", 4242, 4343));
        assertThat(UnixAccounts.find("4242")).contains(new UnixAccounts.Account("4242", 4242, 4242));
    }

    @Test
    void unknownNameIsNotFound() {
        assertThat(UnixAccounts.find("no-such-user-here")).isEmpty();
    }

    @Test
    void rootIsFoundAsRootSoThatItCanBeRefused() {
        assertThat(UnixAccounts.find("root")).hasValueSatisfying(account -> assertThat(account.uid()).isZero());
    }

    @Test
    void effectiveUidMatchesTheUserName() {
        int uid = UnixAccounts.effectiveUid();

        assertThat(uid == 0).isEqualTo("root".equals(System.getProperty("user.name")));
    }
}
