package io.resourcepool.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.testkit.time.ManualClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final ManualClock clock = ManualClock.start();
    private final RateLimiter limiter = new RateLimiter(3, WINDOW, 100, clock);

    @Test
    void keyIsRefusedOnceItHasUsedItsShareAndToldHowLongToWait() {
        countTimes("10.0.0.1", 2);
        assertThat(limiter.tryAcquire("10.0.0.1")).isEmpty();
        clock.advance(Duration.ofMinutes(5));

        Optional<RateLimiter.Refusal> refusal = limiter.tryAcquire("10.0.0.1");

        assertThat(refusal).contains(new RateLimiter.Refusal(Duration.ofMinutes(10), true, 3, WINDOW));
        assertThat(limiter.tryAcquire("10.0.0.2")).isEmpty();
    }

    @Test
    void onlyTheFirstRefusalOfAWindowIsMarkedFirst() {
        countTimes("10.0.0.1", 3);

        assertThat(limiter.tryAcquire("10.0.0.1")).map(RateLimiter.Refusal::firstInWindow).contains(true);
        assertThat(limiter.tryAcquire("10.0.0.1")).map(RateLimiter.Refusal::firstInWindow).contains(false);
        assertThat(limiter.tryAcquire("10.0.0.1")).map(RateLimiter.Refusal::firstInWindow).contains(false);
    }

    @Test
    void aLookCountsNothingAndMarksNoRefusal() {
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.isOver("10.0.0.1")).isFalse();
        }
        countTimes("10.0.0.1", 3);

        assertThat(limiter.isOver("10.0.0.1")).isTrue();
        assertThat(limiter.tryAcquire("10.0.0.1")).map(RateLimiter.Refusal::firstInWindow).contains(true);
        clock.advance(WINDOW);
        assertThat(limiter.isOver("10.0.0.1")).isFalse();
    }

    @Test
    void keyMayGoOnOnceItsWindowHasEnded() {
        countTimes("10.0.0.1", 3);
        clock.advance(WINDOW);

        assertThat(limiter.tryAcquire("10.0.0.1")).isEmpty();
        countTimes("10.0.0.1", 2);
        assertThat(limiter.tryAcquire("10.0.0.1")).map(RateLimiter.Refusal::firstInWindow).contains(true);
    }

    @Test
    void memoryStaysBoundedWhateverTheNumberOfAddresses() {
        for (int i = 0; i < 100_000; i++) {
            limiter.tryAcquire("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
        }

        assertThat(limiter.trackedKeys()).isBetween(1, 100);
        countTimes("192.0.2.1", 3);
        assertThat(limiter.tryAcquire("192.0.2.1")).isPresent();
        assertThat(limiter.trackedKeys()).isBetween(1, 100);
    }

    @Test
    void anAttackerCyclingThroughManyAddressesDoesNotResetTheCountOfOneThatKeepsFailing() {
        countTimes("192.0.2.66", 3);
        for (int i = 0; i < 100_000; i++) {
            limiter.tryAcquire("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
            if (i % 1_000 == 0) {
                assertThat(limiter.tryAcquire("192.0.2.66")).as("the hot address after %d others", i).isPresent();
            }
        }

        assertThat(limiter.tryAcquire("192.0.2.66")).isPresent();
        assertThat(limiter.trackedKeys()).isBetween(1, 100);
    }

    @Test
    void endedWindowsAreForgotten() {
        for (int i = 0; i < 50; i++) {
            limiter.tryAcquire("10.0.0." + i);
        }
        clock.advance(WINDOW.plusSeconds(1));
        limiter.tryAcquire("10.0.1.1");

        assertThat(limiter.trackedKeys()).isEqualTo(1);
    }

    @Test
    void refundedEventsDoNotCount() {
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire("10.0.0.1")).isEmpty();
            limiter.refund("10.0.0.1");
        }
        countTimes("10.0.0.1", 3);

        assertThat(limiter.tryAcquire("10.0.0.1")).isPresent();
    }

    @Test
    void badFiguresAreRefused() {
        assertThatThrownBy(() -> new RateLimiter(0, WINDOW, 1, clock)).hasMessageContaining("limit");
        assertThatThrownBy(() -> new RateLimiter(1, Duration.ZERO, 1, clock)).hasMessageContaining("window");
        assertThatThrownBy(() -> new RateLimits(5, 0, WINDOW, 10)).hasMessageContaining("enrolmentsPerAddress");
        assertThatThrownBy(() -> new RateLimits(5, 10, WINDOW, 0)).hasMessageContaining("maxTrackedAddresses");
    }

    private void countTimes(String key, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(limiter.tryAcquire(key)).isEmpty();
        }
    }
}
