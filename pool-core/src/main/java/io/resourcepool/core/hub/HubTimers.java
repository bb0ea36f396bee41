package io.resourcepool.core.hub;

import io.resourcepool.core.audit.AuditAnchor;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's periodic work, on named platform threads the hub owns: writing the batched heartbeats, dropping
 * workers whose heartbeats stopped, giving up the jobs of workers that did not come back in time, renewing the hub's membership and node leases
 * where hubs share the database and dropping or taking again the connected nodes whose lease it lost ({@link LeaseRound}),
 * looking after the jobs other hubs drive for this one ({@link JobsAcrossHubs}), and, when the
 * hub has a {@link Retention} that prunes, deleting what it no longer keeps once an hour.
 */
final class HubTimers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HubTimers.class);
    /** The first retention sweep waits this long after start, so a restarting hub serves before it prunes. */
    static final Duration FIRST_SWEEP = Duration.ofMinutes(1);
    /** How often retention sweeps after the first. */
    static final Duration SWEEP_EVERY = Duration.ofHours(1);

    private final ScheduledExecutorService timer;
    private final Optional<ScheduledExecutorService> retentionTimer;
    private final ScheduledExecutorService anchorTimer;

    private HubTimers(ScheduledExecutorService timer, Optional<ScheduledExecutorService> retentionTimer, ScheduledExecutorService anchorTimer) {
        this.timer = timer;
        this.retentionTimer = retentionTimer;
        this.anchorTimer = anchorTimer;
    }

    static HubTimers start(HubServices hub, RetentionSweep retention, boolean prunes, Duration firstSweep, AuditAnchor anchor,
            Duration checkpointEvery) {
        ScheduledExecutorService timer = named("hub-timer");
        long every = Math.max(100, hub.config().heartbeatInterval().toMillis());
        timer.scheduleWithFixedDelay(guarded("heartbeat flush", hub.heartbeats()::flush), every, every, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(guarded("silent-node sweep", () -> dropSilent(hub)), every / 2, every / 2, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(guarded("orphaned-job sweep", hub.loss()::sweep), every / 2, every / 2, TimeUnit.MILLISECONDS);
        long renew = Math.max(100, HubLeases.renewEvery(hub.config().nodeTimeout(), hub.config().heartbeatInterval()).toMillis());
        timer.scheduleWithFixedDelay(guarded("lease round", LeaseRound.of(hub)), renew, renew, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(guarded("jobs across hubs", hub.across()::poll), every / 2, every / 2, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(guarded("unconfirmed-submission sweep", hub.dispatcher()::settleUnconfirmed), every, every,
                TimeUnit.MILLISECONDS);
        Optional<ScheduledExecutorService> retentionTimer = Optional.empty();
        if (prunes) {
            // a thread of its own: a long backlog to prune must not hold up heartbeats and the sweeps for lost workers
            ScheduledExecutorService sweeper = named("hub-retention");
            sweeper.scheduleWithFixedDelay(guarded("retention sweep", retention::run), firstSweep.toMillis(), SWEEP_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
            retentionTimer = Optional.of(sweeper);
        }
        // a thread of its own: the once-a-day walk of the whole audit log must not hold up heartbeats
        ScheduledExecutorService anchorTimer = named("hub-audit-anchor");
        anchorTimer.scheduleWithFixedDelay(guarded("audit checkpoint", anchor::checkpoint), 0, checkpointEvery.toMillis(), TimeUnit.MILLISECONDS);
        return new HubTimers(timer, retentionTimer, anchorTimer);
    }

    private static void dropSilent(HubServices hub) {
        for (LiveNode node : hub.registry().silent()) {
            if (!hub.registry().stillSilent(node)) {
                continue; // its heartbeat came while the sweep went through the others
            }
            log.info("node {} sent no heartbeat since {}; dropping it", node.id(), node.lastHeartbeat());
            node.disconnect();
        }
    }

    private static ScheduledExecutorService named(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name(name).unstarted(r));
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
        retentionTimer.ifPresent(HubTimers::stop);
        stop(anchorTimer);
        stop(timer);
    }

    private static void stop(ScheduledExecutorService executor) {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
