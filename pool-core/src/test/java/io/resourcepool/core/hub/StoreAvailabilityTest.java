package io.resourcepool.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resourcepool.api.StoreUnavailableException;
import io.resourcepool.testkit.time.ManualClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StoreAvailabilityTest {
    private final ManualClock clock = ManualClock.start();
    private final StoreAvailability availability = new StoreAvailability("jdbc postgresql://db:5432/pool", clock, Duration.ofSeconds(1));

    @Test
    void callsGoThroughWhileTheStoreAnswers() {
        assertThat(availability.admit()).as("not a probe").isFalse();
        assertThat(availability.outage()).isEmpty();
    }

    @Test
    void anOutageRefusesLaterCallsAtOnceNamingTheStoreTheReasonAndHowLong() {
        availability.lost(unreachable("connection refused"), false);
        clock.advance(Duration.ofMillis(500));
        assertThatThrownBy(availability::admit).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("store is unreachable (jdbc postgresql://db:5432/pool: connection refused, for 0 s)")
                .hasMessageContaining("retry later");
        clock.advance(Duration.ofSeconds(12));
        availability.admit();
        assertThatThrownBy(availability::admit).hasMessageContaining("for 12 s")
                .satisfies(e -> assertThat(((StoreUnavailableException) e).retryAfter()).isEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void oneCallAtATimeAndOncePerIntervalLooksWhetherTheStoreIsBack() {
        availability.lost(unreachable("connection refused"), false);
        clock.advance(Duration.ofSeconds(1));
        assertThat(availability.admit()).as("the first call after the interval is the probe").isTrue();
        assertThatThrownBy(availability::admit).as("while the probe runs").isInstanceOf(StoreUnavailableException.class);
        availability.lost(unreachable("connection refused"), true);
        assertThatThrownBy(availability::admit).as("within the interval after a failed probe").isInstanceOf(StoreUnavailableException.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(availability.admit()).isTrue();
    }

    @Test
    void eachOutageIsToldOnceWithItsReasonHoweverManyCallsFail() {
        java.util.List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        availability.whenLost(told::add);
        availability.lost(unreachable("connection refused"), false);
        clock.advance(Duration.ofSeconds(2));
        availability.lost(unreachable("connection refused"), availability.admit());
        availability.answered(false);
        availability.lost(unreachable("connection reset"), false);

        assertThat(told).containsExactly("connection refused", "connection reset");
    }

    @Test
    void aProbeThatIsAnsweredEndsTheOutageAndTellsWhatWaited() {
        AtomicInteger told = new AtomicInteger();
        availability.whenBack(told::incrementAndGet);
        availability.lost(unreachable("connection lost, SQL state 08006"), false);
        clock.advance(Duration.ofSeconds(2));
        boolean probe = availability.admit();
        availability.answered(probe);
        assertThat(availability.outage()).isEmpty();
        assertThat(told).hasValue(1);
        assertThat(availability.admit()).isFalse();
        availability.answered(false);
        assertThat(told).as("told once per outage").hasValue(1);
    }

    @Test
    void aProbeThatProvedNothingLeavesTheOutageOnAndLetsTheNextLook() {
        availability.lost(unreachable("connection refused"), false);
        clock.advance(Duration.ofSeconds(1));
        availability.released(availability.admit());
        assertThat(availability.outage()).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(availability.admit()).isTrue();
    }

    @Test
    void theOutageKeepsItsStartWhileItLasts() {
        availability.lost(unreachable("connection refused"), false);
        clock.advance(Duration.ofSeconds(5));
        StoreUnavailableException again = availability.lost(unreachable("no answer in time"), false);
        assertThat(again).hasMessageContaining("connection refused, for 5 s");
    }

    private static StoreUnavailableException unreachable(String why) {
        return new StoreUnavailableException("the store could not read a session: the database is unreachable (" + why + "); retry once it is back",
                Duration.ofSeconds(2), new java.sql.SQLException(why, "08001"));
    }
}
