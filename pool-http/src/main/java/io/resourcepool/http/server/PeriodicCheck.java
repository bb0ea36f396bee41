package io.resourcepool.http.server;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;

/**
 * A Jetty bean that runs a check on a timer of its own: its one thread starts with the server and stops with it. A
 * check that fails is logged and does not end the timer, so the next change is still seen.
 */
abstract class PeriodicCheck extends AbstractLifeCycle {
    private final String threadName;
    private final Duration interval;
    private final Logger log;
    private ScheduledExecutorService timer;

    /**
     * @param threadName the timer thread's name
     * @param interval how often to check once started; {@link Duration#ZERO} for never
     * @param log where a failed check is told
     */
    PeriodicCheck(String threadName, Duration interval, Logger log) {
        this.threadName = threadName;
        this.interval = interval;
        this.log = log;
    }

    /** One check, as the timer runs it. */
    abstract void checkOnce();

    /** What a failed check's warning starts with. */
    abstract String failureMessage();

    @Override
    protected void doStart() {
        if (interval.isZero()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(threadName).factory());
        timer.scheduleWithFixedDelay(this::checkSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    private void checkSafely() {
        try {
            checkOnce();
        } catch (RuntimeException e) {
            log.warn("{}: {}", failureMessage(), e.toString());
        }
    }
}
