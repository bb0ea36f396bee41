package io.resourcepool.http.history;

import io.resourcepool.api.PoolAggregate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's totals over the last hour, so that a chart opened now can show what happened before it was opened:
 * a ring of samples, one per {@link #sample()} (a {@link HistorySampler} calls it every interval), each kept for
 * the window and no longer. Times come from the clock given, so a test moves a manual clock instead of waiting.
 * Thread-safe.
 */
public final class AggregateHistory {
    /** How often the hub's sampler takes a sample: every 10 s. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    /** How far back the history reaches: one hour. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(AggregateHistory.class);

    private final Supplier<PoolAggregate> source;
    private final InstantSource clock;
    private final Duration interval;
    private final Duration window;
    private final int capacity;
    private final ArrayDeque<AggregateSample> ring;
    private boolean failing;

    /**
     * A history, empty until the first sample.
     *
     * @param source the hub's aggregate now; it may throw while the hub is not running, and that sample is skipped
     * @param clock the time of each sample and of "now"
     * @param interval how often samples are taken (a second at least)
     * @param window how long each is kept (at least one interval)
     */
    public AggregateHistory(Supplier<PoolAggregate> source, InstantSource clock, Duration interval, Duration window) {
        this.source = Objects.requireNonNull(source, "source must be given");
        this.clock = Objects.requireNonNull(clock, "clock must be given");
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("interval must be at least 1s, was " + interval);
        }
        if (window.compareTo(interval) < 0) {
            throw new IllegalArgumentException("window must be at least the interval (" + interval + "), was " + window);
        }
        this.interval = interval;
        this.window = window;
        this.capacity = Math.toIntExact(window.dividedBy(interval)) + 1;
        this.ring = new ArrayDeque<>(capacity);
    }

    /**
     * A history of the default interval and window on the system clock.
     *
     * @param source the hub's aggregate now
     * @return the history
     */
    public static AggregateHistory ofLastHour(Supplier<PoolAggregate> source) {
        return new AggregateHistory(source, InstantSource.system(), DEFAULT_INTERVAL, DEFAULT_WINDOW);
    }

    /** Takes a sample now; one that fails (the hub stopping) is skipped and logged once until samples work again. */
    public void sample() {
        PoolAggregate aggregate;
        try {
            aggregate = source.get();
        } catch (RuntimeException e) {
            logFailure(e);
            return;
        }
        AggregateSample taken = AggregateSample.of(clock.instant(), aggregate);
        synchronized (this) {
            failing = false;
            if (ring.size() == capacity) {
                ring.removeFirst();
            }
            ring.addLast(taken);
        }
    }

    private void logFailure(RuntimeException e) {
        synchronized (this) {
            if (failing) {
                return;
            }
            failing = true;
        }
        log.warn("the pool's totals could not be sampled for the dashboard's chart: {}", e.toString());
    }

    /**
     * The samples within the window as of now, oldest first.
     *
     * @param after only those taken strictly after this time, when given
     * @return the samples
     */
    public synchronized List<AggregateSample> samples(Optional<Instant> after) {
        Instant oldest = clock.instant().minus(window);
        return ring.stream().filter(s -> s.at().isAfter(oldest)).filter(s -> after.map(s.at()::isAfter).orElse(true)).toList();
    }

    /**
     * The time now, by the history's clock.
     *
     * @return now
     */
    public Instant now() {
        return clock.instant();
    }

    /**
     * How often samples are taken.
     *
     * @return the interval
     */
    public Duration interval() {
        return interval;
    }

    /**
     * How long samples are kept.
     *
     * @return the window
     */
    public Duration window() {
        return window;
    }
}
