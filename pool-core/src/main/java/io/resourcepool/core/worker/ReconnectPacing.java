package io.resourcepool.core.worker;

import io.resourcepool.api.BusyException;
import io.resourcepool.api.PoolException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a worker waits before it tries its hubs again. After a failure the wait starts at the configured
 * reconnect delay and doubles, up to a minute, or, while the worker runs tasks, up to a quarter of the time the hub
 * waits for it: a worker whose hub died tries the others often enough to be back with its tasks before that time is
 * up. A hub that refused it and said when to come back (another hub's lease on the node runs out then) is taken at
 * its word, without doubling. Each wait is spread a little, so that workers cut off together do not all come back
 * together. Used by the worker's one reconnecting thread.
 */
final class ReconnectPacing {
    private static final Duration MAX_DELAY = Duration.ofMinutes(1);
    private static final Duration SHORTEST_WHILE_RUNNING = Duration.ofMillis(250);

    private final Duration first;
    private Duration delay;
    private Optional<Duration> askedFor = Optional.empty();

    ReconnectPacing(Duration first) {
        this.first = first;
        this.delay = first;
    }

    /** A connection served until it ended: the next wait is the first one again. */
    void served() {
        delay = first;
        askedFor = Optional.empty();
    }

    /** A try failed: a hub's BUSY with a retry-after sets the next wait. */
    void failed(PoolException e) {
        askedFor = e instanceof BusyException busy && busy.retryAfter().isPositive() ? Optional.of(busy.retryAfter()) : Optional.empty();
    }

    /** The wait planned now, for the log. */
    Duration planned() {
        return askedFor.orElse(delay);
    }

    /**
     * The wait before the next try, and the one after it doubled unless a hub asked for this one.
     *
     * @param runningTasks whether the worker runs tasks
     * @param graceMillis how long the hub waits for this worker
     * @return how long to wait now
     */
    Duration next(boolean runningTasks, long graceMillis) {
        if (askedFor.isPresent()) {
            Duration asked = askedFor.get();
            return asked.plusMillis(ThreadLocalRandom.current().nextLong(asked.toMillis() / 5 + 1));
        }
        Duration longest = runningTasks ? Duration.ofMillis(Math.max(SHORTEST_WHILE_RUNNING.toMillis(), graceMillis / 4)) : MAX_DELAY;
        Duration now = delay.compareTo(longest) > 0 ? longest : delay;
        delay = now.multipliedBy(2).compareTo(longest) > 0 ? longest : now.multipliedBy(2);
        // between half and all of it
        long millis = now.toMillis();
        return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }
}
