package io.resourcepool.core.hub;

import io.resourcepool.api.JobState;
import io.resourcepool.api.spi.store.AuditEvent;
import java.time.Duration;

/**
 * Hears what a hub does, for metrics: every audit row as it is written (logins, refusals, admin actions,
 * enrolments, jobs), and each job's start and end with how long it waited and ran. Called on the hub's own
 * threads, often on hot paths: implementations must be quick, thread-safe and must not throw; they must not
 * block. Hand one to {@link Hub.Builder#observer}.
 */
public interface HubObserver {
    /** Hears nothing. */
    HubObserver NONE = new HubObserver() {};

    /**
     * An audit row was written.
     *
     * @param event the row; it holds no secret
     */
    default void audited(AuditEvent event) {}

    /**
     * A job's attempt was placed on a node and sent to it.
     *
     * @param queued how long it waited, from its submission (or its requeueing) to its start
     */
    default void jobStarted(Duration queued) {}

    /**
     * A job ended, its end durable.
     *
     * @param state its final state
     * @param ran how long it ran, from its start to its end; zero when it never started
     */
    default void jobFinished(JobState state, Duration ran) {}

    /**
     * A job that claimed GPUs ended after running: its GPU time, for accounting per user.
     *
     * @param owner the user who submitted it
     * @param gpuSeconds the GPUs it claimed times the seconds it ran
     */
    default void gpuTimeUsed(String owner, double gpuSeconds) {}
}
