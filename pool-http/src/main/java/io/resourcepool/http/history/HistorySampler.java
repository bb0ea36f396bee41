package io.resourcepool.http.history;

import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * Takes a history's samples on its interval, the first at once, on one daemon thread of its own that it starts
 * and stops; as a bean of a handler it runs exactly while the HTTP server does.
 */
public final class HistorySampler extends AbstractLifeCycle {
    private final AggregateHistory history;
    private ScheduledExecutorService timer;

    /**
     * A sampler, not yet started.
     *
     * @param history the history to fill
     */
    public HistorySampler(AggregateHistory history) {
        this.history = Objects.requireNonNull(history, "history must be given");
    }

    @Override
    protected void doStart() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("http-aggregate-sampler").daemon().factory());
        long millis = history.interval().toMillis();
        timer.scheduleAtFixedRate(history::sample, 0, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        timer.shutdownNow();
    }
}
