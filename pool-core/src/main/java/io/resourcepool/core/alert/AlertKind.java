package io.resourcepool.core.alert;

import java.util.Locale;

/**
 * What an alert is about. Each kind names its severity, and whether its incidents are gathered per subject (a node,
 * a source) or as one for the whole hub (a spike of failed logins from many sources is one incident).
 */
public enum AlertKind {
    /** Failed logins came faster than the limit, from one source or in all. */
    LOGIN_FAILURE_SPIKE(Severity.WARNING, false, "failed logins spiked"),
    /** An account locked after too many failed logins. */
    ACCOUNT_LOCKED(Severity.WARNING, true, "an account locked"),
    /** A source hit a rate limit (logins or enrolments). */
    RATE_LIMITED(Severity.WARNING, true, "a source hit a rate limit"),
    /** A worker's connection ended. */
    NODE_OFFLINE(Severity.WARNING, true, "a node went offline"),
    /** An admin removed a node. */
    NODE_REMOVED(Severity.INFO, true, "a node was removed"),
    /** A job was lost with its worker. */
    JOB_LOST(Severity.WARNING, false, "jobs were lost"),
    /** A decoy path, account or join token was touched. */
    HONEYPOT_TOUCHED(Severity.CRITICAL, true, "a honeypot was touched"),
    /** A spent refresh token was used again: it was copied, and its family was ended. */
    REFRESH_TOKEN_REUSED(Severity.CRITICAL, true, "a spent refresh token was used again"),
    /** The audit trail's check found it altered. */
    AUDIT_VERIFY_FAILED(Severity.CRITICAL, false, "the audit trail failed its check"),
    /** A certificate the hub serves or signs with expires soon. */
    CERTIFICATE_EXPIRING(Severity.WARNING, true, "a certificate expires soon"),
    /** The hub's store does not answer. */
    STORE_UNREACHABLE(Severity.CRITICAL, false, "the store is unreachable"),
    /** A signed checkpoint or day root of the audit log, sent for safe keeping ({@code audit.checkpoint-alerts}). */
    AUDIT_CHECKPOINT(Severity.INFO, true, "an audit checkpoint, for safe keeping"),
    /** An admin asked for a test alert. */
    TEST(Severity.INFO, false, "test alert");

    /** How urgent an alert is; PagerDuty's words. */
    public enum Severity {
        /** For the record. */
        INFO,
        /** Look soon. */
        WARNING,
        /** Look now. */
        CRITICAL;

        /**
         * The lower-case name, as receivers expect it.
         *
         * @return for example {@code critical}
         */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Severity severity;
    private final boolean perSubject;
    private final String summary;

    AlertKind(Severity severity, boolean perSubject, String summary) {
        this.severity = severity;
        this.perSubject = perSubject;
        this.summary = summary;
    }

    /**
     * How urgent.
     *
     * @return the severity
     */
    public Severity severity() {
        return severity;
    }

    /**
     * Whether each subject (node, source, account) is an incident of its own; otherwise the whole hub's events of
     * this kind make one incident, with a count per subject.
     *
     * @return true when gathered per subject
     */
    public boolean perSubject() {
        return perSubject;
    }

    /**
     * The words of the alert's title.
     *
     * @return for example {@code a node went offline}
     */
    public String summary() {
        return summary;
    }

    /**
     * The name receivers see, in lower case with dashes.
     *
     * @return for example {@code login-failure-spike}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
