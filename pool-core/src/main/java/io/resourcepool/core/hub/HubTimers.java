package io.resourcepool.core.hub;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's periodic work, on one named platform thread the hub owns: writing the batched heartbeats, dropping
 * workers whose heartbeats stopped, and giving up the jobs of workers that did not come back in time.
 */
final class HubTimers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HubTimers.class);

    private final ScheduledExecutorService timer;

    private HubTimers(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static HubTimers start(HubServices hub) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("hub-timer").unstarted(r));
        long every = Math.max(100, hub.config().heartbeatInterval().toMillis());
        timer.scheduleWithFixedDelay(guarded("heartbeat flush", hub.heartbeats()::flush), every, every, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(guarded("silent-node sweep", () -> dropSilent(hub)), every / 2, every / 2, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(guarded("orphaned-job sweep", hub.loss()::sweep), every / 2, every / 2, TimeUnit.MILLISECONDS);
        return new HubTimers(timer);
    }

    private static void dropSilent(HubServices hub) {
        for (LiveNode node : hub.registry().silent()) {
            log.info("node {} sent no heartbeat since {}; dropping it", node.id(), node.lastHeartbeat());
            node.disconnect();
        }
    }

    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("{} failed; will try again", what, e);
            }
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
