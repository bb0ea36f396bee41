package io.resourcepool.http.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.resourcepool.api.PoolAggregate;
import io.resourcepool.testkit.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The history of the pool's totals: a sample per call, kept for the window as the clock tells it (a manual clock
 * here, so nothing waits), oldest first, older ones dropped; a failed reading skipped; and the sampler that takes
 * the samples while it runs.
 */
class AggregateHistoryTest {
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static final Duration HOUR = Duration.ofHours(1);

    private final ManualClock clock = ManualClock.start();
    private final Instant start = clock.instant();
    private final AtomicInteger nodes = new AtomicInteger();

    /** A pool of {@code nodes} nodes of 4 CPUs, each 1.5 busy, and 8 GiB of which 6 are free. */
    private final Supplier<PoolAggregate> pool = () -> {
        int n = nodes.get();
        return new PoolAggregate(n, 4L * n, 1.5 * n, (8L << 30) * n, (6L << 30) * n, 0, 0, 0, clock.instant());
    };

    private AggregateHistory history() {
        return new AggregateHistory(pool, clock, TEN_SECONDS, HOUR);
    }

    @Test
    void eachSampleHoldsTheTotalsAtItsTime() {
        AggregateHistory history = history();
        nodes.set(2);
        history.sample();

        assertThat(history.samples(Optional.empty())).containsExactly(new AggregateSample(start, 2, 8, 3.0, 16L << 30, 4L << 30));
    }

    @Test
    void theLastHourIsKeptOldestFirstAndWhatIsOlderIsDropped() {
        AggregateHistory history = history();
        for (int i = 0; i < 400; i++) {
            clock.set(start.plus(TEN_SECONDS.multipliedBy(i)));
            nodes.set(i);
            history.sample();
        }

        List<AggregateSample> kept = history.samples(Optional.empty());
        assertThat(kept).hasSize(360);
        assertThat(kept.get(0).at()).isEqualTo(start.plusSeconds(400));
        assertThat(kept.get(0).onlineNodes()).isEqualTo(40);
        assertThat(kept.get(359).at()).isEqualTo(start.plusSeconds(3990));
        assertThat(kept).extracting(AggregateSample::onlineNodes).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void samplesFadeOutOfTheWindowEvenWhenNoNewOneIsTaken() {
        AggregateHistory history = history();
        history.sample();
        clock.advance(Duration.ofMinutes(59));
        assertThat(history.samples(Optional.empty())).hasSize(1);

        clock.advance(Duration.ofMinutes(1));
        assertThat(history.samples(Optional.empty())).isEmpty();
    }

    @Test
    void sinceGivesOnlyTheSamplesTakenAfterIt() {
        AggregateHistory history = history();
        for (int i = 0; i < 5; i++) {
            nodes.set(i);
            history.sample();
            clock.advance(TEN_SECONDS);
        }

        assertThat(history.samples(Optional.of(start.plusSeconds(20)))).extracting(AggregateSample::onlineNodes).containsExactly(3, 4);
        assertThat(history.samples(Optional.of(start.plusSeconds(40)))).isEmpty();
        assertThat(history.now()).isEqualTo(start.plusSeconds(50));
    }

    @Test
    void aReadingThatFailsIsSkippedAndTheNextOneKept() {
        AtomicInteger calls = new AtomicInteger();
        AggregateHistory history = new AggregateHistory(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("the hub is not started");
            }
            return pool.get();
        }, clock, TEN_SECONDS, HOUR);

        history.sample();
        assertThat(history.samples(Optional.empty())).isEmpty();
        clock.advance(TEN_SECONDS);
        history.sample();
        assertThat(history.samples(Optional.empty())).extracting(AggregateSample::at).containsExactly(start.plus(TEN_SECONDS));
    }

    @Test
    void memoryInUseIsWhatIsNotAvailableAndNeverNegative() {
        PoolAggregate odd = new PoolAggregate(1, 4, 0.5, 1L << 30, 2L << 30, 0, 0, 0, start);
        assertThat(AggregateSample.of(start, odd).memoryInUseBytes()).isZero();
    }

    @Test
    void anIntervalUnderASecondOrAWindowShorterThanTheIntervalIsRefused() {
        assertThatThrownBy(() -> new AggregateHistory(pool, clock, Duration.ofMillis(500), HOUR)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interval must be at least 1s");
        assertThatThrownBy(() -> new AggregateHistory(pool, clock, TEN_SECONDS, Duration.ofSeconds(5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window must be at least the interval");
    }

    @Test
    void theSamplerTakesTheFirstSampleAtOnceAndStopsWithItsOwner() throws Exception {
        AtomicInteger readings = new AtomicInteger();
        AggregateHistory history = new AggregateHistory(() -> {
            readings.incrementAndGet();
            return pool.get();
        }, clock, Duration.ofHours(1), Duration.ofHours(1));
        HistorySampler sampler = new HistorySampler(history);

        sampler.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !history.samples(Optional.empty()).isEmpty());
        sampler.stop();

        assertThat(sampler.isStopped()).isTrue();
        assertThat(readings.get()).isEqualTo(1);
    }
}
