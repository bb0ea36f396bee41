package io.resourcepool.core.hub;

import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what {@link Retention} no longer keeps, in batches of {@link #BATCH} rows, each its own short
 * transaction, so that other writers get the store between batches however large the backlog. What was pruned is
 * written to the audit log (which itself is never pruned).
 */
final class RetentionSweep {
    private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);
    static final int BATCH = 500;

    private final Store store;
    private final Retention retention;
    private final InstantSource clock;

    RetentionSweep(Store store, Retention retention, InstantSource clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
    }

    /** How many rows one sweep deleted; {@code sessions} counts refresh tokens too, which share their retention. */
    record Pruned(int jobs, int sessions, int joinTokens) {
        boolean any() {
            return jobs + sessions + joinTokens > 0;
        }
    }

    /** A batch-deleting operation of the store: deletes up to so many rows that ended before a time. */
    @FunctionalInterface
    private interface Pruning {
        int prune(Instant endedBefore, int maxRows);
    }

    Pruned run() {
        Instant now = clock.instant();
        Pruned pruned = new Pruned(drain(retention.jobs(), now, store.jobs()::pruneFinished),
                drain(retention.sessions(), now, store.credentials()::pruneSessions)
                        + drain(retention.sessions(), now, store.credentials()::pruneRefreshTokens),
                drain(retention.joinTokens(), now, store.nodes()::pruneJoinTokens));
        if (pruned.any()) {
            String detail = "jobs=" + pruned.jobs() + " sessions=" + pruned.sessions() + " join-tokens=" + pruned.joinTokens();
            log.info("retention pruned {}", detail);
            store.audit().append(new AuditEvent(now, "hub", "retention.pruned", "", "", detail));
        }
        return pruned;
    }

    private static int drain(Duration keep, Instant now, Pruning pruning) {
        if (keep.isZero()) {
            return 0;
        }
        Instant cutoff = now.minus(keep);
        int total = 0;
        int batch;
        do {
            batch = pruning.prune(cutoff, BATCH);
            total += batch;
        } while (batch == BATCH && !Thread.currentThread().isInterrupted());
        return total;
    }
}
