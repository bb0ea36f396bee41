package io.resourcepool.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthConfigTest {
    private static final Duration MINUTES_15 = Duration.ofMinutes(15);
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void defaultsAreThoseOfTheDesign() {
        AuthConfig config = AuthConfig.defaults();

        assertThat(config.bcryptCost()).isEqualTo(12);
        assertThat(config.bcryptThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(config.bcryptQueue()).isEqualTo(64);
        assertThat(config.lockThreshold()).isEqualTo(5);
        assertThat(config.lockDuration()).isEqualTo(MINUTES_15);
        assertThat(config.sessionTimeout()).isEqualTo(MINUTES_15);
        assertThat(config.refreshIdleTimeout()).isEqualTo(Duration.ofHours(12));
        assertThat(config.refreshLifetime()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void costBelowTenIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new AuthConfig(4, 1, 1, 5, MINUTES_15, HOUR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bcryptCost must be between 10 and 20, was 4");
    }

    @Test
    void everyBadFigureIsRefusedNamingItsField() {
        assertThatThrownBy(() -> new AuthConfig(12, 0, 1, 5, MINUTES_15, HOUR)).hasMessageStartingWith("bcryptThreads");
        assertThatThrownBy(() -> new AuthConfig(12, 1, 0, 5, MINUTES_15, HOUR)).hasMessageStartingWith("bcryptQueue");
        assertThatThrownBy(() -> new AuthConfig(12, 1, 1, 0, MINUTES_15, HOUR)).hasMessageStartingWith("lockThreshold");
        assertThatThrownBy(() -> new AuthConfig(12, 1, 1, 5, Duration.ZERO, HOUR)).hasMessageStartingWith("lockDuration");
        assertThatThrownBy(() -> new AuthConfig(12, 1, 1, 5, MINUTES_15, Duration.ofSeconds(-1)))
                .hasMessageStartingWith("sessionTimeout");
        assertThatThrownBy(() -> new AuthConfig(12, 1, 1, 5, MINUTES_15, null)).hasMessageStartingWith("sessionTimeout");
    }

    @Test
    void lockoutIsConfigurable() {
        AuthConfig config = AuthConfig.defaults().withLockout(3, Duration.ofMinutes(1));

        assertThat(config.lockThreshold()).isEqualTo(3);
        assertThat(config.lockDuration()).isEqualTo(Duration.ofMinutes(1));
    }
}
