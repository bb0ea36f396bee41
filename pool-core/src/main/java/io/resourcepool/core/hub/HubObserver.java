package io.resourcepool.core.hub;

import io.resourcepool.api.JobState;
import io.resourcepool.api.spi.store.AuditEvent;
import java.time.Duration;

/**
 * Hears what a hub does, for metrics and alerts: every audit row as it is written (logins, refusals, admin actions,
 * enrolments, jobs), each job's start and end with how long it waited and ran, and the troubles no audit row tells
 * of one by one (every refused login of a flood, a worker gone, the store away, a failed audit check). Called on the hub's own
 * threads, often on hot paths: implementations must be quick, thread-safe and must not throw; they must not
 * block. Hand one to {@link HubBuilder#observer}.
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

    /**
     * A login (or session resume) was refused unheard because its source is over its limit of failures. Only the
     * first refusal of a window is audited; this hears every one, so that a flood is counted whole.
     *
     * @param sourceAddress where it came from
     */
    default void loginRefused(String sourceAddress) {}

    /**
     * A worker's connection ended; its running jobs wait for it until its grace ends.
     *
     * @param node the node's name
     */
    default void nodeOffline(String node) {}

    /**
     * The store stopped answering: an outage began (heard once per outage, not per refused call).
     *
     * @param reason the driver's words; no secret
     */
    default void storeUnreachable(String reason) {}

    /**
     * A check of the audit trail found it altered: its rows, its chain or a checkpoint kept outside disagree.
     *
     * @param problem what disagrees, naming the first row that does
     */
    default void auditVerifyFailed(String problem) {}

    /**
     * Tells both observers, this one first.
     *
     * @param other the second observer
     * @return an observer that tells both
     */
    default HubObserver and(HubObserver other) {
        HubObserver first = this;
        return new HubObserver() {
            @Override
            public void audited(AuditEvent event) {
                first.audited(event);
                other.audited(event);
            }

            @Override
            public void jobStarted(Duration queued) {
                first.jobStarted(queued);
                other.jobStarted(queued);
            }

            @Override
            public void jobFinished(JobState state, Duration ran) {
                first.jobFinished(state, ran);
                other.jobFinished(state, ran);
            }

            @Override
            public void loginRefused(String sourceAddress) {
                first.loginRefused(sourceAddress);
                other.loginRefused(sourceAddress);
            }

            @Override
            public void nodeOffline(String node) {
                first.nodeOffline(node);
                other.nodeOffline(node);
            }

            @Override
            public void storeUnreachable(String reason) {
                first.storeUnreachable(reason);
                other.storeUnreachable(reason);
            }

            @Override
            public void auditVerifyFailed(String problem) {
                first.auditVerifyFailed(problem);
                other.auditVerifyFailed(problem);
            }

            @Override
            public void gpuTimeUsed(String owner, double gpuSeconds) {
                first.gpuTimeUsed(owner, gpuSeconds);
                other.gpuTimeUsed(owner, gpuSeconds);
            }
        };
    }
}
