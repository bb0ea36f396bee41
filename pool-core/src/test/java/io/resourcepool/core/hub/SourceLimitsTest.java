package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.resourcepool.api.AuthenticationException;
import io.resourcepool.api.BusyException;
import io.resourcepool.core.auth.RateLimits;
import io.resourcepool.testkit.store.InMemoryStore;
import io.resourcepool.testkit.time.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SourceLimitsTest {
    private final ManualClock clock = ManualClock.start();
    private final SourceLimits limits = new SourceLimits(new RateLimits(2, 10, Duration.ofSeconds(60), 100), InMemoryStore.opened().audit(), HubObserver.NONE, clock);

    @Test
    void addressesOfOneIpv6Slash64ShareOneCount() {
        failLogin("[2001:db8:1:2::1]:50000");
        failLogin("[2001:db8:1:2::ffff]:50001");

        BusyException busy = catchThrowableOfType(BusyException.class, () -> limits.login("[2001:db8:1:2:abcd::9]:50002", () -> "ok"));

        assertThat(busy).hasMessageStartingWith("too many failed logins from 2001:db8:1:2::/64");
        assertThat(limits.login("[2001:db8:1:3::1]:50003", () -> "ok")).isEqualTo("ok");
    }

    @Test
    void aRefusalCarriesTheCountTheLimitTheWindowAndWhenToRetry() {
        failLogin("192.0.2.7:1000");
        failLogin("[::ffff:192.0.2.7]:1001");
        clock.advance(Duration.ofSeconds(18));

        BusyException busy = catchThrowableOfType(BusyException.class, () -> limits.login("192.0.2.7:1002", () -> "ok"));

        assertThat(busy).hasMessage("too many failed logins from 192.0.2.7: 2 in the last 60 s (limit 2); retry in 42 s");
        assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void eachLimitIsSharedAmongTheLiveHubsRoundedUpAndNeverUnderOne() {
        SourceLimits shared = new SourceLimits(new RateLimits(5, 10, Duration.ofSeconds(60), 100), InMemoryStore.opened().audit(),
                HubObserver.NONE, clock);
        assertThat(shared.loginFailuresAllowed()).as("one hub").isEqualTo(5);
        assertThat(shared.enrolmentsAllowed()).isEqualTo(10);

        shared.shareAmong(3);
        assertThat(shared.loginFailuresAllowed()).as("three hubs").isEqualTo(2);
        assertThat(shared.enrolmentsAllowed()).isEqualTo(4);
        assertThat(SourceLimits.shareOf(1, 3)).isEqualTo(1);

        shared.shareAmong(0);
        assertThat(shared.loginFailuresAllowed()).as("no live hub counts as one").isEqualTo(5);
    }

    @Test
    void aSourceIsRefusedAtItsShareOnceTheLimitsAreShared() {
        limits.shareAmong(2);
        failLogin("192.0.2.9:1000");

        BusyException busy = catchThrowableOfType(BusyException.class, () -> limits.login("192.0.2.9:1001", () -> "ok"));

        assertThat(busy).hasMessageStartingWith("too many failed logins from 192.0.2.9: 1 in the last 60 s (limit 1)");
    }

    private void failLogin(String source) {
        catchThrowableOfType(AuthenticationException.class, () -> limits.login(source, () -> {
            throw new AuthenticationException("no");
        }));
    }
}
