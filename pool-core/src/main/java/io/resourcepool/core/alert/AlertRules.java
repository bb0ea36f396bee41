package io.resourcepool.core.alert;

import io.resourcepool.api.JobState;
import io.resourcepool.api.spi.store.AuditEvent;
import io.resourcepool.api.spi.transport.SourceAddress;
import io.resourcepool.core.auth.Authenticator;
import io.resourcepool.core.hub.HubObserver;

/**
 * Which of the hub's events are which alerts. Most are audit rows (the record and the alert then never disagree);
 * the rest are the observer's own events, for what no row tells of one by one. Quick and never throws: it only
 * counts the event into its incident.
 */
final class AlertRules implements HubObserver {
    /** The audit action of a decoy touched (a honeypot path, account or join token). */
    static final String HONEYPOT_PREFIX = "honeypot.";

    private final AlertNotifier notifier;

    AlertRules(AlertNotifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public void audited(AuditEvent event) {
        String source = event.sourceAddress().isEmpty() ? "" : SourceAddress.keyOf(event.sourceAddress());
        switch (event.action()) {
            // a wrong current password before a change to one's own sign-in is a failed login too
            case "login.failed", "login.mfa-failed", "password-change.failed", "mfa-setup.failed", "mfa-removal.failed" -> {
                notifier.raise(AlertKind.LOGIN_FAILURE_SPIKE, source, "last: " + event.actor() + " from " + event.sourceAddress());
                if (event.detail().contains(Authenticator.LOCKED_NOW)) {
                    notifier.raise(AlertKind.ACCOUNT_LOCKED, event.actor(), event.detail());
                }
            }
            case "login.rate-limited", "node.enrol-rate-limited" ->
                    notifier.raise(AlertKind.RATE_LIMITED, source, event.action() + ": " + event.detail());
            case Authenticator.REFRESH_REUSE -> notifier.raise(AlertKind.REFRESH_TOKEN_REUSED, event.actor(),
                    event.detail() + " (last from " + event.sourceAddress() + ")");
            case "node.removed" -> notifier.raise(AlertKind.NODE_REMOVED, event.target(), "removed by " + event.actor());
            case "job.finished" -> {
                if (event.detail().startsWith(JobState.LOST.name())) {
                    notifier.raise(AlertKind.JOB_LOST, event.target(), event.detail());
                }
            }
            case "audit.verified" -> {
                if (!event.detail().startsWith("intact")) {
                    notifier.raise(AlertKind.AUDIT_VERIFY_FAILED, "", event.detail());
                }
            }
            // the anchor's own walks and every verification that finds the log broken write audit.broken
            case "audit.broken" -> notifier.raise(AlertKind.AUDIT_VERIFY_FAILED, "", event.target() + ": " + event.detail());
            case "alert.test-requested" -> notifier.raise(AlertKind.TEST, "", "asked for by " + event.actor());
            default -> {
                if (event.action().startsWith(HONEYPOT_PREFIX)) {
                    notifier.raise(AlertKind.HONEYPOT_TOUCHED, source, event.action() + " " + event.target());
                }
            }
        }
    }

    @Override
    public void loginRefused(String sourceAddress) {
        notifier.raise(AlertKind.LOGIN_FAILURE_SPIKE, SourceAddress.keyOf(sourceAddress), "refused: over the source's limit");
    }

    /** A node an admin has just removed goes offline as a matter of course: that is told as its removal alone. */
    @Override
    public void nodeOffline(String node) {
        if (notifier.isGathering(AlertKind.NODE_REMOVED, node)) {
            return;
        }
        notifier.raise(AlertKind.NODE_OFFLINE, node, "its connection ended; its jobs wait for it until its grace ends");
    }

    @Override
    public void storeUnreachable(String reason) {
        notifier.raise(AlertKind.STORE_UNREACHABLE, "", reason);
    }

    @Override
    public void auditVerifyFailed(String problem) {
        notifier.raise(AlertKind.AUDIT_VERIFY_FAILED, "", problem);
    }
}
