package io.resourcepool.testkit.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ManualClockTest {

    @Test
    void standsStillUntilAdvanced() {
        ManualClock clock = ManualClock.start();
        Instant first = clock.instant();

        assertThat(clock.instant()).isEqualTo(first).isEqualTo(ManualClock.DEFAULT_START);
        assertThat(clock.advance(Duration.ofMinutes(15))).isEqualTo(first.plus(Duration.ofMinutes(15)));
        assertThat(clock.millis()).isEqualTo(first.plus(Duration.ofMinutes(15)).toEpochMilli());
    }

    @Test
    void refusesToAdvanceBackwardsButCanBeSetBack() {
        ManualClock clock = ManualClock.startingAt(Instant.parse("2031-05-01T10:00:00Z"));

        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).hasMessageContaining("step");
        clock.set(Instant.parse("2031-04-30T10:00:00Z"));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2031-04-30T10:00:00Z"));
    }

    @Test
    void zonedViewSharesTheSameTime() {
        ManualClock clock = ManualClock.start();
        ManualClock paris = clock.withZone(ZoneId.of("Europe/Paris"));

        clock.advance(Duration.ofHours(2));

        assertThat(paris.instant()).isEqualTo(clock.instant());
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    }

    @Test
    void concurrentAdvancesAreNotLost() {
        ManualClock clock = ManualClock.start();

        CompletableFuture.allOf(IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.runAsync(() -> IntStream.range(0, 1000).forEach(j -> clock.advance(Duration.ofMillis(1)))))
                .toArray(CompletableFuture[]::new)).join();

        assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START.plusMillis(8000));
    }
}
