package io.resourcepool.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class UnixAccountsTest {
    @Test
    void theListedIdsHoldRootAndEachCallerGetsItsOwnCopy() {
        Set<Integer> first = UnixAccounts.listedIds();
        assertThat(first).contains(0);

        first.add(-42);
        first.remove(0);

        assertThat(UnixAccounts.listedIds()).contains(0).doesNotContain(-42);
    }
}
