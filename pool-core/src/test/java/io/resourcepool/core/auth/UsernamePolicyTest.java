package io.resourcepool.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsernamePolicyTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "alice", "bob.smith", "ops_team-2", "0"})
    void validNamesAreAccepted(String name) {
        assertThat(UsernamePolicy.check(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Alice", "bob smith", "eve@example", "ümlaut", "tab\tname"})
    void invalidNamesAreRefusedSayingWhatIsAllowed(String name) {
        assertThatThrownBy(() -> UsernamePolicy.check(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not valid: use 1 to 64 characters");
    }

    @Test
    void sixtyFourCharactersAreTheLimit() {
        assertThat(UsernamePolicy.check("a".repeat(64))).hasSize(64);
        assertThatThrownBy(() -> UsernamePolicy.check("a".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shownFormDropsControlCharactersAndIsCut() {
        assertThat(UsernamePolicy.shown("ev\nil")).isEqualTo("ev?il");
        assertThat(UsernamePolicy.shown("y".repeat(100))).hasSize(64);
    }
}
